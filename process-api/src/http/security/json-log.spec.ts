import { assertJsonDepth, JsonTooDeepError } from './json-body';
import { isDatabaseUnavailable } from './database-availability';
import { redactPath } from './json-log';

describe('json log', () => {
  it('should redact enterprise and national numbers from paths but keep engine keys', () => {
    // when redacting paths with identifiers in both notations and an engine key
    // then only the personal identifiers are gone
    expect(redactPath('/api/employers/0403170701')).toBe('/api/employers/{redacted}');
    expect(redactPath('/api/employers/0403.170.701/cases')).toBe('/api/employers/{redacted}/cases');
    expect(redactPath('/api/people/85.07.30-033.61')).toBe('/api/people/{redacted}');
    expect(redactPath('/api/people/85073003361')).toBe('/api/people/{redacted}');
    expect(redactPath('/api/tasks/2251799813685249/claim')).toBe('/api/tasks/2251799813685249/claim');
  });
});

describe('database availability', () => {
  it('should recognise connection failures, also wrapped, and not query errors', () => {
    // then network and server-state errors count as an outage, a constraint violation does not
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'query failed', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable('nope')).toBe(false);
  });
});

describe('json depth limit', () => {
  it('should refuse JSON nested deeper than the limit, ignoring brackets inside strings', () => {
    // given documents at and beyond the limit, and one with brackets in a string
    const nested = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
    // then only the too-deep one is refused
    expect(() => assertJsonDepth(nested(64))).not.toThrow();
    expect(() => assertJsonDepth(nested(65))).toThrow(JsonTooDeepError);
    expect(() => assertJsonDepth(Buffer.from(JSON.stringify({ s: '[[[[[[\\"[[[['.repeat(50) })))).not.toThrow();
  });
});
