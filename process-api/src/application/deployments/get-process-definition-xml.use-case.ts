import type { ProcessEngine } from '../../engine/process-engine';

export class ProcessDefinitionNotFoundError extends Error {
  readonly code = 'PROCESS_NOT_FOUND';
  constructor(key: string) {
    super(`process definition ${key} not found`);
    this.name = 'ProcessDefinitionNotFoundError';
  }
}

/** The BPMN XML of one deployed version, exactly as deployed. */
export class GetProcessDefinitionXmlUseCase {
  constructor(private readonly engine: Pick<ProcessEngine, 'getProcessDefinitionXml'>) {}

  async execute(key: string): Promise<string> {
    const xml = await this.engine.getProcessDefinitionXml(key);
    if (xml === null) throw new ProcessDefinitionNotFoundError(key);
    return xml;
  }
}
