import type { ProcessDescriptionList } from '@werkbank/shared';
import type { ProcessCatalog } from './process-catalog';

/** Every deployed process (latest version) with its steps in en/nl/fr: open to every signed-in user. */
export class ListProcessesUseCase {
  constructor(private readonly catalog: Pick<ProcessCatalog, 'latest'>) {}

  async execute(): Promise<ProcessDescriptionList> {
    return { items: await this.catalog.latest() };
  }
}
