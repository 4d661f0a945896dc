/*
 * Every process and every step a person sees carries its Dutch and French name in the model itself (zeebe:properties
 * `name.nl` / `name.fr`, English stays in `name`): the workbench reads them from the deployed definitions, so a
 * designer's new process reads in the user's language without a release of the UI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

interface El {
  $type: string;
  id?: string;
  name?: string;
  [prop: string]: unknown;
}

/** Element types whose name reaches the user: task list, task header, case timeline. */
const SEEN_BY_PEOPLE = new Set([
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:CallActivity',
  'bpmn:StartEvent',
  'bpmn:BoundaryEvent',
  'bpmn:IntermediateCatchEvent',
]);
const FIGURE_KINDS = new Set(['cents', 'integer', 'score', 'codes', 'count', 'date', 'text', 'schedule']);

const models = readdirSync(__dirname).filter((file) => file.endsWith('.bpmn'));
const allFlowElements = (scope: El): El[] => ((scope['flowElements'] as El[] | undefined) ?? []).flatMap((e) => [e, ...allFlowElements(e)]);
const properties = (el: El): Record<string, string> => {
  const values = ((el['extensionElements'] as El | undefined)?.['values'] as El[] | undefined) ?? [];
  const props = values.filter((v) => v.$type === 'zeebe:Properties').flatMap((v) => (v['properties'] as El[] | undefined) ?? []);
  return Object.fromEntries(props.map((p) => [p['name'] as string, p['value'] as string]));
};

describe('model names', () => {
  it('should find the three core models', () => {
    // given the models folder / then
    expect(models).toEqual(expect.arrayContaining(['recovery.bpmn', 'inspection.bpmn', 'payment-deferral.bpmn']));
  });

  describe.each(models)('%s', (file) => {
    let processes: El[];
    let warnings: unknown[];

    beforeAll(async () => {
      const moddle = new BpmnModdle({ zeebe: zeebeSchema });
      const result = await moddle.fromXML(readFileSync(join(__dirname, file), 'utf8'));
      warnings = result.warnings;
      processes = ((result.rootElement as unknown as El)['rootElements'] as El[]).filter((e) => e.$type === 'bpmn:Process');
    });

    it('should parse the names without warnings', () => {
      // when parsed with the Zeebe moddle / then zeebe:properties are known extension elements
      expect(warnings).toEqual([]);
      expect(processes.length).toBeGreaterThan(0);
    });

    it('should name every process in English, Dutch and French', () => {
      for (const process of processes) {
        const props = properties(process);
        expect({ id: process.id, en: !!process.name, nl: !!props['name.nl'], fr: !!props['name.fr'] }).toEqual({ id: process.id, en: true, nl: true, fr: true });
      }
    });

    it('should give a step whose diagram label is a duration an English name that says what happened (name.en)', () => {
      // "15 days" reads well on a timer in the diagram, not as a line of the case history, where Dutch and French said
      // "Betalingstermijn verstreken" and English said "15 days"
      const terse = processes
        .flatMap(allFlowElements)
        .filter((el) => SEEN_BY_PEOPLE.has(el.$type) && /\b\d+\s+days?\b/i.test(el.name ?? '') && !properties(el)['name.en'])
        .map((el) => `${el.id}: ${el.name}`);
      expect(terse).toEqual([]);
    });

    it('should name every step a person sees in English, Dutch and French', () => {
      const missing = processes
        .flatMap(allFlowElements)
        .filter((el) => SEEN_BY_PEOPLE.has(el.$type))
        .filter((el) => {
          const props = properties(el);
          return !el.name || !props['name.nl'] || !props['name.fr'];
        })
        .map((el) => el.id);
      expect(missing).toEqual([]);
    });

    it('should declare case figures with a known kind and a name in every language', () => {
      for (const process of processes) {
        const props = properties(process);
        const figures = Object.keys(props).filter((name) => /^caseFigure\.[A-Za-z_][\w]*$/.test(name));
        for (const figure of figures) {
          expect({ figure, kind: FIGURE_KINDS.has(props[figure] as string) }).toEqual({ figure, kind: true });
          for (const lang of ['en', 'nl', 'fr']) expect({ figure, lang, name: !!props[`${figure}.name.${lang}`] }).toEqual({ figure, lang, name: true });
        }
      }
    });
  });
});
