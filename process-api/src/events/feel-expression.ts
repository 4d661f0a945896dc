import { evaluate } from '@bpmn-io/feelin';

export class RuleExpressionError extends Error {
  readonly code = 'RULE_EXPRESSION_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'RuleExpressionError';
  }
}

/** Zeebe convention: `=expr` is FEEL, anything else is a static string. */
export function evaluateRuleExpression(expression: string, context: Record<string, unknown>): unknown {
  if (!expression.startsWith('=')) return expression;
  try {
    return evaluate(expression.slice(1), context).value;
  } catch (error) {
    throw new RuleExpressionError(`FEEL ${expression}: ${(error as Error).message}`);
  }
}
