/** The API contract shared by process-api and workbench-ui: zod schemas and the types inferred from them. */
export * from './lib/problem';
