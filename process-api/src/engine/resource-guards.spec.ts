import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { corporaDir } from '../test-support/corpora';
import { guardFormJson, guardResource, guardXml } from './resource-guards';

const modelsDir = resolve(__dirname, '../../../bpmn-models');

describe('resource guards', () => {
  it('should let every model and form of the product through', () => {
    // given the product's own models and forms
    const files = readdirSync(modelsDir).filter((f) => /\.(bpmn|form)$/.test(f));
    // when guarded
    const problems = files.map((name) => guardResource({ name, content: readFileSync(resolve(modelsDir, name), 'utf8') }));
    // then none is refused
    expect(files.length).toBeGreaterThan(3);
    expect(problems.filter(Boolean)).toEqual([]);
  });

  it('should let the executable models of the corpus through', () => {
    // given the Zeebe corpus models that are not marked broken
    const dir = resolve(corporaDir(), 'zeebe');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn') && !f.includes('NEGATIVE'));
    // when guarded, then none is refused
    expect(files.map((name) => guardXml(readFileSync(resolve(dir, name), 'utf8'))).filter(Boolean)).toEqual([]);
  });

  it('should not count markup inside comments, CDATA and attribute values', () => {
    // given 60 levels of tags that are only text
    const text = '<a>'.repeat(60);
    const xml = `<root attr="${text.replace(/</g, '&lt;')}" other='x > y'><!-- ${text} --><![CDATA[${text}]]></root>`;
    // when guarded, then it passes
    expect(guardXml(xml)).toBeNull();
  });

  it('should count self-closing elements without nesting them', () => {
    // given 100 siblings that close themselves
    const xml = `<root>${'<leaf a="1"/>'.repeat(100)}</root>`;
    // when guarded, then it passes
    expect(guardXml(xml)).toBeNull();
  });

  it('should refuse a DOCTYPE in any case', () => {
    expect(guardXml('<?xml version="1.0"?><!doctype x><x/>')).toMatch(/DOCTYPE/);
  });

  it('should not count brackets inside JSON strings as nesting', () => {
    // given a form whose text is full of brackets
    const json = JSON.stringify({ id: 'f', components: [{ type: 'text', text: '['.repeat(500) + '\\"{'.repeat(100) }] });
    // when guarded, then it passes
    expect(guardFormJson(json)).toBeNull();
  });

  it('should refuse a form over the size limit', () => {
    expect(guardFormJson(JSON.stringify({ id: 'f', text: 'x'.repeat(600 * 1024) }))).toMatch(/at most 524288 bytes/);
  });
});
