import { evaluate } from '@bpmn-io/feelin';
import fc from 'fast-check';
import { evaluateFeel } from './feel-paths';

describe('evaluateFeel', () => {
  const names = fc.constantFrom('a', 'b', 'data', 'now', 'count', 'string', 'true', 'of', 'x_1');
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
  const context = fc.dictionary(names, fc.oneof(json, fc.dictionary(names, fc.oneof(json, fc.dictionary(names, json)))));

  it('should give exactly what feelin gives for names and paths of names, whatever the context', () => {
    fc.assert(
      fc.property(context, fc.array(names, { minLength: 1, maxLength: 4 }), (ctx, path) => {
        const source = path.join('.');
        const outcome = (work: () => unknown) => {
          try {
            return { value: work() };
          } catch (error) {
            return { error: String(error) };
          }
        };
        expect(outcome(() => evaluateFeel(source, ctx))).toEqual(outcome(() => evaluate(source, ctx).value));
      }),
      { numRuns: 300 },
    );
  });

  it('should build context literals of paths exactly as feelin does', () => {
    fc.assert(
      fc.property(context, fc.array(fc.tuple(names, fc.array(names, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }), (ctx, entries) => {
        const source = `{${entries.map(([k, path]) => `${k}: ${path.join('.')}`).join(', ')}}`;
        const outcome = (work: () => unknown) => {
          try {
            return { value: work() };
          } catch (error) {
            return { error: String(error) };
          }
        };
        expect(outcome(() => evaluateFeel(source, ctx))).toEqual(outcome(() => evaluate(source, ctx).value));
      }),
      { numRuns: 300 },
    );
    // and a routing rule's variables come out as they did
    const rule = '{enterpriseNumber: data.enterpriseNumber, debtId: data.debtId, amountDueCents: data.amountCents}';
    const data = { enterpriseNumber: '0123456789', debtId: 'D-1', amountCents: 12345 };
    expect(evaluateFeel(rule, { data })).toEqual({ enterpriseNumber: '0123456789', debtId: 'D-1', amountDueCents: 12345 });
  });

  it('should return the context value itself, and leave other expressions to feelin', () => {
    // given a context with a nested object, a list and a number
    const data = { enterpriseNumber: '0123456789', amounts: [{ cents: 1 }, { cents: 2 }] };
    const ctx = { data, n: 5 };
    // then a path gives the very value, a path over a list maps over its items, and real expressions still work
    expect(evaluateFeel('data', ctx)).toBe(data);
    expect(evaluateFeel(' data.enterpriseNumber ', ctx)).toBe('0123456789');
    expect(evaluateFeel('data.amounts.cents', ctx)).toEqual([1, 2]);
    expect(evaluateFeel('n > 3', ctx)).toBe(true);
    expect(evaluateFeel('missing.field', ctx)).toBeNull();
    expect(typeof evaluateFeel('now', {})).toBe('function');
  });
});
