import type { Language, LocalizedName, ProcessDescription, ProcessStep } from '@werkbank/shared';

/**
 * Names of processes and steps in the user's language, read from the deployed models (GET /api/processes): the
 * UI knows no process of its own, so a process a designer adds reads in nl/fr without a release.
 */
export interface ProcessNames {
  /** The process's name, or null when no deployed process has this id. */
  process(bpmnProcessId: string): string | null;
  /** The step (flow node) of that process, or null when the model does not name it. */
  step(bpmnProcessId: string, elementId: string): { name: string; kind: string } | null;
}

export function localize(name: LocalizedName, language: Language): string {
  return name[language] || name.en;
}

/** A naming over the given process versions (the first one that knows an id wins). */
export function processNames(processes: readonly ProcessDescription[], language: Language): ProcessNames {
  const find = (id: string) => processes.find((p) => p.bpmnProcessId === id);
  return {
    process: (id) => {
      const found = find(id);
      return found ? localize(found.name, language) : null;
    },
    step: (id, elementId) => {
      const own = processes.filter((p) => p.bpmnProcessId === id).flatMap((p) => p.steps).find((s) => s.elementId === elementId);
      // A case's history also holds the steps of the processes it called (the timeline names no process for them).
      const step = own ?? processes.flatMap((p) => p.steps).find((s) => s.elementId === elementId);
      return step ? { name: localize(step.name, language), kind: step.kind } : null;
    },
  };
}

/** The user tasks of each process, for the task list's process/step filter. */
export function userTaskSteps(processes: readonly ProcessDescription[]): { process: ProcessDescription; steps: ProcessStep[] }[] {
  return processes.map((process) => ({ process, steps: process.steps.filter((s) => s.kind === 'userTask') }));
}
