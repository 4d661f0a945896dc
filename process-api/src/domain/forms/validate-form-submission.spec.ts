import { validateFormSubmission } from './validate-form-submission';
import type { ConditionEvaluator } from './condition-evaluator';

// A stand-in for FEEL that understands `=name` and `=not(name)`: enough to test the validator's own rules.
const evaluate: ConditionEvaluator = (expression, context) => {
  const negated = /^=not\((\w+)\)$/.exec(expression);
  if (negated) return context[negated[1]] !== true;
  const plain = /^=(\w+)$/.exec(expression);
  return plain ? context[plain[1]] === true : null;
};

const contactForm = {
  id: 'contact-employer',
  components: [
    { type: 'text', text: '# Contact the employer' },
    {
      type: 'radio',
      key: 'outcome',
      validate: { required: true },
      values: [
        { label: 'Promise', value: 'PROMISE' },
        { label: 'Unreachable', value: 'UNREACHABLE' },
      ],
    },
    { type: 'datetime', subtype: 'date', key: 'promisedDate', conditional: { hide: '=notPromise' }, validate: { required: true } },
    { type: 'number', key: 'promisedAmount', validate: { min: 0, max: 1000000 } },
    { type: 'textfield', key: 'reference', validate: { pattern: '^C-[0-9]+$', minLength: 3, maxLength: 10 } },
    { type: 'textfield', key: 'email', validate: { validationType: 'email' } },
    { type: 'checkbox', key: 'notPromise' },
    { type: 'checklist', key: 'channels', values: [{ label: 'Phone', value: 'phone' }, { label: 'Mail', value: 'mail' }] },
    { type: 'select', key: 'reason', valuesKey: 'reasons' },
    {
      type: 'group',
      path: 'contact',
      components: [{ type: 'textfield', key: 'name', validate: { required: true } }],
    },
    {
      type: 'dynamiclist',
      path: 'calls',
      components: [{ type: 'textarea', key: 'note', validate: { required: true, maxLength: 5 } }],
    },
  ],
};

describe('validateFormSubmission', () => {
  it('should accept valid data', () => {
    // given data that respects every rule
    const data = {
      outcome: 'PROMISE',
      promisedDate: '2026-12-24',
      promisedAmount: 1200.5,
      reference: 'C-123',
      email: 'boekhouding@bakkerij-peeters.be',
      notPromise: false,
      channels: ['phone'],
      reason: 'cash-flow',
      contact: { name: 'An Peeters' },
      calls: [{ note: 'ok' }],
    };
    // when validating with the variables that hold the dynamic options
    const result = validateFormSubmission(contactForm, data, { evaluate, variables: { reasons: [{ label: 'Cash', value: 'cash-flow' }] } });
    // then there is no error and the values pass through
    expect(result.errors).toEqual([]);
    expect(result.values).toEqual(data);
  });

  it('should report every broken rule with its field', () => {
    // given data that breaks many rules
    const data = {
      outcome: 'MAYBE',
      promisedAmount: -1,
      reference: 'X-1234567890',
      email: 'not-an-email',
      channels: ['pigeon'],
      reason: 'boredom',
      contact: {},
      calls: [{ note: 'far too long' }, {}],
      hacker: true,
    };
    // when validating
    const { errors } = validateFormSubmission(contactForm, data, { evaluate, variables: { reasons: ['cash-flow'] } });
    // then each problem names its field
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'outcome', message: 'must be one of: PROMISE, UNREACHABLE' },
        { field: 'promisedDate', message: 'is required' },
        { field: 'promisedAmount', message: 'must be at least 0' },
        { field: 'reference', message: 'must have at most 10 characters' },
        { field: 'reference', message: 'must match the pattern ^C-[0-9]+$' },
        { field: 'email', message: 'must be an e-mail address' },
        { field: 'channels', message: 'contains values that are not options: pigeon' },
        { field: 'reason', message: 'must be one of: cash-flow' },
        { field: 'contact.name', message: 'is required' },
        { field: 'calls[0].note', message: 'must have at most 5 characters' },
        { field: 'calls[1].note', message: 'is required' },
        { field: 'hacker', message: 'is not a field of this form' },
      ]),
    );
    expect(errors).toHaveLength(12);
  });

  it('should not require a hidden field and should drop its value', () => {
    // given the promised date is hidden because there is no promise
    const data = { outcome: 'UNREACHABLE', notPromise: true, promisedDate: 'garbage', contact: { name: 'x' } };
    // when validating
    const result = validateFormSubmission(contactForm, data, { evaluate });
    // then the hidden field is neither required nor checked, and its value is not submitted
    expect(result.errors).toEqual([]);
    expect(result.values).not.toHaveProperty('promisedDate');
  });

  it('should check types of numbers, dates and checkboxes', () => {
    // given values of the wrong types
    const data = { outcome: 'PROMISE', promisedDate: '2026-02-30', promisedAmount: 'lots', notPromise: 'yes', contact: { name: 'x' } };
    // when validating
    const { errors } = validateFormSubmission(contactForm, data, { evaluate });
    // then each is refused
    expect(errors).toEqual([
      { field: 'promisedDate', message: 'must be a date (YYYY-MM-DD)' },
      { field: 'promisedAmount', message: 'must be a number' },
      { field: 'notPromise', message: 'must be true or false' },
    ]);
  });

  it('should refuse more decimals than a number field’s decimalDigits', () => {
    // given an amount in whole cents (decimalDigits 0) and a rate with two decimals
    const form = { components: [
      { type: 'number', key: 'cents', decimalDigits: 0 },
      { type: 'number', key: 'rate', decimalDigits: 2 },
    ] };
    // when validating whole and fractional values
    const ok = validateFormSubmission(form, { cents: 125000, rate: 0.29 }, { evaluate });
    const refused = validateFormSubmission(form, { cents: 12.5, rate: '1.005' }, { evaluate });
    // then only the extra decimals are refused
    expect(ok.errors).toEqual([]);
    expect(refused.errors).toEqual([
      { field: 'cents', message: 'must have at most 0 decimals' },
      { field: 'rate', message: 'must have at most 2 decimals' },
    ]);
  });

  it('should answer an unreadable form with an error instead of throwing', () => {
    // given schemas that are not forms
    for (const schema of [null, 'text', { components: 'nope' }, { components: [null, 42, { type: 'group', path: ['x'] }] }]) {
      // when validating
      const result = validateFormSubmission(schema, { a: 1 }, { evaluate });
      // then the validator answers with errors
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});
