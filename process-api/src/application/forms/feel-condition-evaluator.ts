import { evaluate } from '@bpmn-io/feelin';
import type { ConditionEvaluator } from '../../domain/forms/condition-evaluator';

/** form-js conditions are FEEL expressions (`=a and b`), evaluated with the same interpreter the form-js viewer uses. */
export const feelConditionEvaluator: ConditionEvaluator = (expression, context) => {
  const trimmed = expression.trim();
  const source = trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
  if (source.trim() === '') return null;
  try {
    const { value } = evaluate(source, context);
    return value === null || value === undefined ? null : Boolean(value);
  } catch {
    return null;
  }
};
