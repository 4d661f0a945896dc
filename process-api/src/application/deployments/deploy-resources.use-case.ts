import type { Deployment } from '@werkbank/shared';
import type { EntityManager } from 'typeorm';
import type { DeploymentProblem, DeployResource, ProcessEngine } from '../../engine/process-engine';
import type { AuditLog } from '../audit/audit-log.port';

/** Runs work in one database transaction (the deployment and its audit entry commit together). */
export type InTransaction = <T>(work: (tx: EntityManager) => Promise<T>) => Promise<T>;

/** Same code as the engine's refusal: the caller sees one kind of answer whoever found the problem. */
export class DeploymentRejectedError extends Error {
  readonly code = 'DEPLOYMENT_REJECTED';
  constructor(readonly problems: DeploymentProblem[]) {
    super(`deployment rejected: ${problems.map((p) => `${p.resource}: ${p.message}`).join('; ')}`);
    this.name = 'DeploymentRejectedError';
  }
}

const DEPLOYABLE = /\.(bpmn|form)$/;

/**
 * Deploys BPMN models and forms in one atomic engine deployment. File-level checks live here (they hold for any
 * engine adapter); model validation is the engine's, which refuses the whole batch with every problem listed.
 */
export class DeployResourcesUseCase {
  constructor(
    private readonly engine: Pick<ProcessEngine, 'deploy'>,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly inTransaction: InTransaction,
  ) {}

  async execute(actor: string, resources: DeployResource[]): Promise<Deployment> {
    if (resources.length === 0) throw new DeploymentRejectedError([{ resource: '', message: 'no files to deploy' }]);
    const problems: DeploymentProblem[] = [];
    const seen = new Set<string>();
    for (const r of resources) {
      if (!DEPLOYABLE.test(r.name)) problems.push({ resource: r.name, message: 'the file name must end in .bpmn or .form' });
      if (r.content.trim() === '') problems.push({ resource: r.name, message: 'the file is empty' });
      if (seen.has(r.name)) problems.push({ resource: r.name, message: 'the same file name appears twice' });
      seen.add(r.name);
    }
    if (problems.length > 0) throw new DeploymentRejectedError(problems);
    return this.inTransaction(async (tx) => {
      const deployment = await this.engine.deploy(resources, { tx });
      await this.audit.append(tx, {
        actor, action: 'deployment.created', subjectType: 'deployment', subjectId: deployment.key,
        details: {
          processes: deployment.processes.map((p) => `${p.bpmnProcessId}@${p.version}`),
          forms: deployment.forms.map((f) => `${f.formId}@${f.version}`),
        },
      });
      return deployment;
    });
  }
}
