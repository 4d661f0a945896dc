import type { DeploymentProblem } from '../process-engine';
import type { ModdleElement } from './bpmn-parser';

// Document-level refusals (size, DOCTYPE/entities, element count, depth) live in ../resource-guards.ts, the one guard
// every uploaded resource passes before parsing; this file holds the checks made on the parsed model.

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
