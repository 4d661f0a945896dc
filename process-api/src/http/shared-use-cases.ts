import type { DataSource } from 'typeorm';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottlePolicy } from '../application/auth/login-throttle';
import { DeployResourcesUseCase } from '../application/deployments/deploy-resources.use-case';
import { feelConditionEvaluator } from '../application/forms/feel-condition-evaluator';
import { AssignTaskUseCase } from '../application/tasks/assign-task.use-case';
import { ClaimTaskUseCase } from '../application/tasks/claim-task.use-case';
import { CompleteTaskUseCase } from '../application/tasks/complete-task.use-case';
import { UnclaimTaskUseCase } from '../application/tasks/unclaim-task.use-case';
import type { ProcessEngine } from '../engine/process-engine';
import { AuditLogRepository } from '../persistence/audit-log.repository';
import { LoginThrottleRepository } from '../persistence/login-throttle.repository';
import { TaskQueryRepository } from '../persistence/task-query.repository';
import { UserRepository } from '../persistence/user.repository';

/**
 * The commands Werkbank's own API and the Camunda 8 REST API (/v2) both serve, wired once: the same task rules
 * (claim, team-bound assignment, four-eyes, form validation), the same audited deploy and the same login lock-out,
 * whichever API a client uses.
 */
export function sharedUseCases(deps: { dataSource: DataSource; engine: ProcessEngine; loginThrottle?: LoginThrottlePolicy }) {
  const tasks = new TaskQueryRepository(deps.dataSource);
  const users = new UserRepository(deps.dataSource);
  return {
    claimTask: new ClaimTaskUseCase(tasks, deps.engine),
    unclaimTask: new UnclaimTaskUseCase(tasks, users, deps.engine),
    assignTask: new AssignTaskUseCase(tasks, users, deps.engine),
    completeTask: new CompleteTaskUseCase(tasks, deps.engine, feelConditionEvaluator),
    deploy: new DeployResourcesUseCase(deps.engine, new AuditLogRepository(deps.dataSource), (work) => deps.dataSource.transaction(work)),
    loginThrottle: new LoginThrottle(new LoginThrottleRepository(deps.dataSource), deps.loginThrottle ?? DEFAULT_LOGIN_THROTTLE),
  };
}
