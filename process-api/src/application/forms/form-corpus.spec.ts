import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFormSubmission } from '../../domain/forms/validate-form-submission';
import { corporaDir } from '../../test-support/corpora';
import { feelConditionEvaluator } from './feel-condition-evaluator';

// Real forms from Camunda's and bpmn-io's repositories (see the corpus MANIFEST.tsv for sources and licences).
const CORPUS = join(corporaDir(), 'forms');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.form') || f.endsWith('.json'));

function parse(file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(CORPUS, file), 'utf8'));
  } catch {
    return undefined;
  }
}

describe('form validation with FEEL conditions', () => {
  it.each(files)('should validate data for %s without throwing', (file) => {
    // given a real form (or a broken one) and data with an unknown key
    const schema = parse(file);
    // when validating
    const result = validateFormSubmission(schema, { surelyNotAField: 1 }, { evaluate: feelConditionEvaluator });
    // then it answers with errors, the unknown key among them unless the form itself is unreadable
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('should hide a field by a FEEL condition from form-js', () => {
    // given form-js's conditional spec form: c is hidden when a is checked
    const schema = parse('formjs-spec_hidden-fields-conditional.json');
    // when a is checked and c is sent
    const hidden = validateFormSubmission(schema, { a: true, b: false, c: true }, { evaluate: feelConditionEvaluator });
    const shown = validateFormSubmission(schema, { a: false, b: false, c: true }, { evaluate: feelConditionEvaluator });
    // then c's value is dropped only while hidden
    expect(hidden.errors).toEqual([]);
    expect(hidden.values).toEqual({ a: true, b: false });
    expect(shown.values).toEqual({ a: false, b: false, c: true });
  });

  it('should require nested dynamic list values', () => {
    // given form-js's nested dynamic list form with a required number
    const schema = parse('formjs-spec_nested-dynamic-list-required.json');
    // when one inner value is missing
    const { errors } = validateFormSubmission(schema, { outer: [{ inner: [{ value: 1 }, {}] }] }, { evaluate: feelConditionEvaluator });
    // then the error names the nested field
    expect(errors).toEqual([{ field: 'outer[0].inner[1].value', message: 'is required' }]);
  });

  it('should evaluate FEEL conditions and answer null for broken ones', () => {
    expect(feelConditionEvaluator('=b and c', { b: true, c: true })).toBe(true);
    expect(feelConditionEvaluator('=amount > 1000', { amount: 10 })).toBe(false);
    expect(feelConditionEvaluator('=(((', {})).toBeNull();
    expect(feelConditionEvaluator('=', {})).toBeNull();
  });
});
