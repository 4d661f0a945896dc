import type { EntityManager } from 'typeorm';
import type { EmployerSummary } from '@werkbank/shared';

/** Read access to the central employer data, for cases and tasks. */
export interface EmployerDirectory {
  /** The employer with its current contacts, or null when unknown; any input format of the enterprise number. */
  summary(enterpriseNumber: string, tx?: EntityManager): Promise<EmployerSummary | null>;
}
