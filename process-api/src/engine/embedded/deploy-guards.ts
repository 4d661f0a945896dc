import type { DeploymentProblem } from '../process-engine';
import type { ModdleElement } from './bpmn-parser';

/**
 * Document-level refusals checked before and after parsing.
 * A DOCTYPE can declare entities (billion laughs, external entities); BPMN never needs one, so it is refused before the
 * parser sees the text (saxen would not expand entities, but it reports a confusing "unparsable content" instead).
 */
export function refuseDoctype(resource: string, xml: string): DeploymentProblem | null {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return { resource, message: 'XML with a DOCTYPE or entity declarations is not accepted' };
  }
  return null;
}

/** Zeebe extensions our engine would otherwise silently ignore, so the model would run differently than on Zeebe. */
const IGNORED_BEHAVIOUR: Record<string, string> = {
  'zeebe:ExecutionListeners': 'zeebe:executionListeners are not supported',
  'zeebe:TaskListeners': 'zeebe:taskListeners are not supported',
};

/** Walks the moddle tree (references may cycle, hence the visited set) and lists unsupported extensions by element id. */
export function refuseIgnoredExtensions(resource: string, root: ModdleElement): DeploymentProblem[] {
  const problems: DeploymentProblem[] = [];
  const seen = new Set<unknown>();
  const visit = (element: ModdleElement) => {
    if (seen.has(element)) return;
    seen.add(element);
    const extensions = (element['extensionElements'] as { values?: ModdleElement[] } | undefined)?.values ?? [];
    for (const extension of extensions) {
      const message = IGNORED_BEHAVIOUR[extension.$type];
      if (message) problems.push({ resource, ...(element.id ? { elementId: element.id } : {}), message });
    }
    for (const key of ['rootElements', 'flowElements', 'artifacts']) {
      const children = element[key];
      if (Array.isArray(children)) children.forEach((c) => visit(c as ModdleElement));
    }
  };
  visit(root);
  return problems;
}
