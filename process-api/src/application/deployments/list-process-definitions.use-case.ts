import type { ProcessDefinitionList, ProcessDefinitionSummary } from '@werkbank/shared';
import type { ProcessEngine } from '../../engine/process-engine';

/** Every deployed process with its versions, latest first; processes sorted by id. */
export class ListProcessDefinitionsUseCase {
  constructor(private readonly engine: Pick<ProcessEngine, 'listProcessDefinitions'>) {}

  async execute(): Promise<ProcessDefinitionList> {
    const byId = new Map<string, ProcessDefinitionSummary>();
    const rows = await this.engine.listProcessDefinitions();
    for (const d of [...rows].sort((a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId) || b.version - a.version)) {
      let entry = byId.get(d.bpmnProcessId);
      if (!entry) {
        // The latest version names the process.
        entry = { bpmnProcessId: d.bpmnProcessId, name: d.name, latestVersion: d.version, versions: [] };
        byId.set(d.bpmnProcessId, entry);
      }
      entry.versions.push({ key: d.key, version: d.version, name: d.name, resourceName: d.resourceName, deployedAt: d.deployedAt });
    }
    return { items: [...byId.values()] };
  }
}
