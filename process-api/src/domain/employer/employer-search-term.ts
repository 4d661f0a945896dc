/**
 * What a user typed in the task list's employer filter: an enterprise number in any written form ("BE 0437 554 033",
 * "0437.554.033", "0437554033", or its first 4+ digits), or else a piece of the employer's name.
 */
export type EmployerSearchTerm = { kind: 'enterprise-number'; prefix: string } | { kind: 'name'; text: string };

// Fewer digits would match thousands of numbers and are more likely part of a name ("Garage 2000").
const MIN_NUMBER_DIGITS = 4;

export function parseEmployerSearchTerm(input: string): EmployerSearchTerm {
  const compact = input.trim().replace(/^BE\s*/i, '').replace(/[\s.\-/]/g, '');
  if (/^\d+$/.test(compact) && compact.length >= MIN_NUMBER_DIGITS && compact.length <= 10) {
    return { kind: 'enterprise-number', prefix: compact };
  }
  return { kind: 'name', text: input.trim().replace(/\s+/g, ' ') };
}
