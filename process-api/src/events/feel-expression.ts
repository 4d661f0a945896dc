import { evaluateFeel } from '../engine/embedded/feel-paths';

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
    return evaluateFeel(expression.slice(1), context);
  } catch (error) {
    throw new RuleExpressionError(`FEEL ${expression}: ${(error as Error).message}`);
  }
}
