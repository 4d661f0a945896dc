import { BpmnModdle } from 'bpmn-moddle';
import type { DeploymentProblem } from '../process-engine';

// `require`, not `import`: Node's ESM loader wants an import attribute for JSON, and the bundle defines `require`.
const zeebe: Record<string, unknown> = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** A moddle element as we read it: typed loosely, accessed through the helpers below. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface ParsedDefinitions {
  root: ModdleElement | null;
  problems: DeploymentProblem[];
}

/** Parses BPMN XML with the Zeebe extensions; every moddle warning is a problem. */
export async function parseBpmn(resource: string, xml: string): Promise<ParsedDefinitions> {
  const moddle = new BpmnModdle({ zeebe });
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const problems = warnings.map((w: { message: string; element?: { id?: string } }) => ({
      resource,
      ...(w.element?.id ? { elementId: w.element.id } : {}),
      message: w.message,
    }));
    return { root: rootElement as unknown as ModdleElement, problems };
  } catch (e) {
    return { root: null, problems: [{ resource, message: `invalid BPMN XML: ${(e as Error).message}` }] };
  }
}

export function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function ref(element: ModdleElement | undefined, property: string): ModdleElement | undefined {
  const value = element?.[property];
  return value && typeof value === 'object' ? (value as ModdleElement) : undefined;
}

export function str(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' ? value : undefined;
}

/** The first zeebe extension element of a type, e.g. `zeebe:TaskDefinition`. */
export function extension(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return list(ref(element, 'extensionElements'), 'values').find((v) => v.$type === type);
}
