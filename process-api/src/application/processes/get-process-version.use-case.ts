import type { ProcessDescription } from '@werkbank/shared';
import { NotFoundError } from '../ports';
import type { ProcessCatalog } from './process-catalog';

/** One deployed version of a process (a case on an older version names its steps by that version). */
export class GetProcessVersionUseCase {
  constructor(private readonly catalog: Pick<ProcessCatalog, 'version'>) {}

  async execute(bpmnProcessId: string, version: number): Promise<ProcessDescription> {
    const found = Number.isSafeInteger(version) && version > 0 ? await this.catalog.version(bpmnProcessId, version) : null;
    if (!found) throw new NotFoundError('PROCESS_NOT_FOUND', `Process ${bpmnProcessId} version ${version} is not deployed`);
    return found;
  }
}
