import { BpmnModdle } from 'bpmn-moddle';
import { caseFigureKindSchema, type CaseFigureDefinition, type LocalizedName, type ProcessDescription, type ProcessStep } from '@werkbank/shared';
import type { ProcessDefinitionVersion, ProcessEngine } from '../../engine/process-engine';

// `require`, not `import`: Node's ESM loader wants an import attribute for JSON, and the bundle defines `require`.
const zeebe: Record<string, unknown> = require('zeebe-bpmn-moddle/resources/zeebe.json');

interface El {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

/** Gateways and sequence flows are routing, not steps: nobody waits at them and the timeline never shows them. */
const NOT_A_STEP = /Gateway$|^bpmn:SequenceFlow$/;
const FIGURE = /^caseFigure\.([A-Za-z_]\w*)$/;

/**
 * The deployed processes as people see them: names of the process, its steps and its case figures in en/nl/fr, read
 * from the models (`name` and the zeebe:properties `name.nl` / `name.fr`). A deployed version never changes, so each
 * is parsed once and kept by its definition key.
 */
export class ProcessCatalog {
  private readonly byKey = new Map<string, Promise<ProcessDescription | null>>();

  constructor(private readonly engine: Pick<ProcessEngine, 'listProcessDefinitions' | 'getProcessDefinitionXml'>) {}

  /** The latest version of every deployed process, sorted by id. */
  async latest(): Promise<ProcessDescription[]> {
    const latest = new Map<string, ProcessDefinitionVersion>();
    for (const d of await this.engine.listProcessDefinitions()) {
      const known = latest.get(d.bpmnProcessId);
      if (!known || known.version < d.version) latest.set(d.bpmnProcessId, d);
    }
    const described = await Promise.all([...latest.values()].map((d) => this.describe(d)));
    return described.filter((d): d is ProcessDescription => d !== null).sort((a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId));
  }

  /** One version of a process, or null when it is not deployed. */
  async version(bpmnProcessId: string, version: number): Promise<ProcessDescription | null> {
    const definition = (await this.engine.listProcessDefinitions()).find((d) => d.bpmnProcessId === bpmnProcessId && d.version === version);
    return definition ? this.describe(definition) : null;
  }

  private describe(definition: ProcessDefinitionVersion): Promise<ProcessDescription | null> {
    let described = this.byKey.get(definition.key);
    if (!described) {
      described = this.parse(definition);
      // A failed read is not cached: the next request tries again.
      described.catch(() => this.byKey.delete(definition.key));
      this.byKey.set(definition.key, described);
    }
    return described;
  }

  private async parse(definition: ProcessDefinitionVersion): Promise<ProcessDescription | null> {
    const xml = await this.engine.getProcessDefinitionXml(definition.key);
    if (xml === null) return null;
    const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml, 'bpmn:Definitions');
    const process = ((rootElement as El)['rootElements'] as El[] | undefined)?.find((e) => e.$type === 'bpmn:Process' && e.id === definition.bpmnProcessId);
    if (!process) return null;
    const props = properties(process);
    return {
      key: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      name: localized(process.name ?? definition.name ?? definition.bpmnProcessId, props),
      steps: flowNodes(process).filter((el) => el.id && el.name && !NOT_A_STEP.test(el.$type)).map(step),
      figures: figures(props),
    };
  }
}

function step(el: El): ProcessStep {
  const type = el.$type.replace(/^bpmn:/, '');
  return { elementId: el.id as string, kind: type.charAt(0).toLowerCase() + type.slice(1), name: localized(el.name as string, properties(el)) };
}

function flowNodes(scope: El): El[] {
  return ((scope['flowElements'] as El[] | undefined) ?? []).flatMap((e) => [e, ...flowNodes(e)]);
}

function properties(el: El): Record<string, string> {
  const values = ((el['extensionElements'] as El | undefined)?.['values'] as El[] | undefined) ?? [];
  const props = values.filter((v) => v.$type === 'zeebe:Properties').flatMap((v) => (v['properties'] as El[] | undefined) ?? []);
  return Object.fromEntries(props.filter((p) => typeof p['name'] === 'string').map((p) => [p['name'] as string, String(p['value'] ?? '')]));
}

function localized(en: string, props: Record<string, string>, prefix = 'name'): LocalizedName {
  const english = props[`${prefix}.en`] || en;
  return { en: english, nl: props[`${prefix}.nl`] || english, fr: props[`${prefix}.fr`] || english };
}

/** `caseFigure.<variable>` = kind; an unknown kind is left out rather than shown wrongly. */
function figures(props: Record<string, string>): CaseFigureDefinition[] {
  return Object.entries(props).flatMap(([name, value]) => {
    const variable = FIGURE.exec(name)?.[1];
    const kind = caseFigureKindSchema.safeParse(value.trim());
    if (!variable || !kind.success) return [];
    return [{ variable, kind: kind.data, name: localized(variable, props, `caseFigure.${variable}.name`) }];
  });
}
