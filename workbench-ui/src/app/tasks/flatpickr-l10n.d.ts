// flatpickr (a dependency of form-js) ships types only for its UMD locale files; the ESM ones export the same.
declare module 'flatpickr/dist/esm/l10n/nl.js' {
  export const Dutch: Record<string, unknown>;
}
declare module 'flatpickr/dist/esm/l10n/fr.js' {
  export const French: Record<string, unknown>;
}
