/** Belgian enterprise numbers in their display form 0xxx.xxx.xxx, whatever the input format. */
export function formatEnterpriseNumber(value: string | null | undefined): string {
  if (!value) return '';
  const digits = value.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 10) return value;
  const ten = digits.padStart(10, '0');
  return `${ten.slice(0, 4)}.${ten.slice(4, 7)}.${ten.slice(7)}`;
}
