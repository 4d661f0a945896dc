import type { CaseFigure } from '@werkbank/shared';
import type { ProcessEngine, Variables } from '../../engine/process-engine';
import type { CaseRecord } from '../ports';
import type { ProcessCatalog } from './process-catalog';

/**
 * The key figures of a case: the variables its model version declares (`caseFigure.<variable>`) with their current
 * values from the engine. The model decides what is worth showing, so a new process needs no code here.
 */
export class CaseFigures {
  constructor(
    private readonly catalog: Pick<ProcessCatalog, 'version'>,
    private readonly engine: Pick<ProcessEngine, 'getVariables'>,
  ) {}

  async of(found: Pick<CaseRecord, 'id' | 'bpmnProcessId' | 'processVersion'>): Promise<CaseFigure[]> {
    const description = await this.catalog.version(found.bpmnProcessId, found.processVersion);
    if (!description || description.figures.length === 0) return [];
    const variables = await this.engine.getVariables(found.id).catch((error: { code?: string }) => {
      // A case whose instance the engine no longer holds still shows which figures exist, without values.
      if (error.code === 'INSTANCE_NOT_FOUND') return {} as Variables;
      throw error;
    });
    return description.figures.map((figure) => ({ ...figure, value: variables[figure.variable] ?? null }));
  }
}
