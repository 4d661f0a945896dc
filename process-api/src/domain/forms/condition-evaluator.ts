/**
 * Evaluates a form-js condition (a FEEL expression, usually starting with `=`) against the form data.
 * Returns null when the expression cannot be evaluated; the validator then treats the field as visible,
 * as form-js does for a condition that yields no value.
 */
export type ConditionEvaluator = (expression: string, context: Record<string, unknown>) => boolean | null;
