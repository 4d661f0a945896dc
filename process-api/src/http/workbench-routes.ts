import { sharedUseCases } from './shared-use-cases';
import { Router, type RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { AuditedLogin, AuditedLogout } from '../application/audit/audited-auth';
import { ReadAuditUseCase } from '../application/audit/read-audit.use-case';
import { AuthenticateUseCase } from '../application/auth/authenticate.use-case';
import type { TokenAuthenticator } from '../application/auth/oidc/authenticate-bearer.use-case';
import { LoginUseCase } from '../application/auth/login.use-case';
import { type LoginThrottlePolicy } from '../application/auth/login-throttle';
import { LogoutUseCase } from '../application/auth/logout.use-case';
import { GetProcessDefinitionXmlUseCase } from '../application/deployments/get-process-definition-xml.use-case';
import { ListProcessDefinitionsUseCase } from '../application/deployments/list-process-definitions.use-case';
import { GetCaseUseCase } from '../application/cases/get-case.use-case';
import { CaseFigures } from '../application/processes/case-figures';
import { GetProcessVersionUseCase } from '../application/processes/get-process-version.use-case';
import { ListProcessesUseCase } from '../application/processes/list-processes.use-case';
import { ProcessCatalog } from '../application/processes/process-catalog';
import type { CaseDocuments } from '../application/case-documents.port';
import type { EmployerDirectory } from '../application/employer-directory.port';
import { GetTaskUseCase } from '../application/tasks/get-task.use-case';
import { ListTasksUseCase } from '../application/tasks/list-tasks.use-case';
import { ListAssigneesUseCase } from '../application/users/list-assignees.use-case';
import type { ProcessEngine } from '../engine/process-engine';
import { AuditLogRepository } from '../persistence/audit-log.repository';
import { CaseRepository } from '../persistence/case.repository';
import { SessionRepository } from '../persistence/session.repository';
import { TaskQueryRepository } from '../persistence/task-query.repository';
import { UserRepository } from '../persistence/user.repository';
import { adminRoutes } from './admin.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth/auth.routes';
import { authenticate } from './auth/authenticate';
import { caseRoutes } from './cases.routes';
import { deploymentRoutes } from './deployments.routes';
import { openApiDocument } from './openapi';
import { describeAuditRoutes } from './openapi-audit';
import { describeDeploymentRoutes } from './openapi-deployments';
import { describeModuleRoutes } from './openapi-modules';
import { describeOidcRoutes } from './openapi-oidc';
import { describeProcessRoutes } from './openapi-processes';
import { processRoutes } from './processes.routes';
import { taskRoutes } from './tasks.routes';
import { userRoutes } from './users.routes';

export interface WorkbenchDependencies {
  dataSource: DataSource;
  engine: ProcessEngine;
  employerDirectory: EmployerDirectory;
  caseDocuments: CaseDocuments;
  production: boolean;
  /** Login lock-out policy (defaults: 5 failures per account, 20 per address, in 15 min, lock 15 min). */
  loginThrottle?: LoginThrottlePolicy;
}

/** Sets `req.user` from the session cookie or bearer token, for every router mounted after it. */
export function authentication(
  deps: Pick<WorkbenchDependencies, 'dataSource' | 'production'>,
  withBearerTokens: (sessions: TokenAuthenticator) => TokenAuthenticator = (s) => s,
): RequestHandler {
  return authenticate(withBearerTokens(new AuthenticateUseCase(new SessionRepository(deps.dataSource), { production: deps.production })));
}

/** Login/logout, tasks, cases and users under /api: repositories and use cases wired from explicit dependencies. */
export function workbenchRoutes(deps: WorkbenchDependencies): Router {
  const users = new UserRepository(deps.dataSource);
  const sessions = new SessionRepository(deps.dataSource);
  const tasks = new TaskQueryRepository(deps.dataSource);
  const audit = new AuditLogRepository(deps.dataSource);
  const cases = new CaseRepository(deps.dataSource);
  const shared = sharedUseCases(deps);
  const router = Router();
  const catalog = new ProcessCatalog(deps.engine);
  const document = describeProcessRoutes(describeOidcRoutes(describeAuditRoutes(describeDeploymentRoutes(describeModuleRoutes(openApiDocument)))));
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(
    authRoutes({
      login: new AuditedLogin(
        new LoginUseCase({
          users,
          sessions,
          production: deps.production,
          throttle: shared.loginThrottle,
        }),
        audit,
        users,
      ),
      logout: new AuditedLogout(new LogoutUseCase(sessions), audit, sessions),
      users,
      production: deps.production,
    }),
  );
  router.use(
    taskRoutes({
      listTasks: new ListTasksUseCase(tasks),
      getTask: new GetTaskUseCase(tasks, deps.engine),
      claimTask: shared.claimTask,
      unclaimTask: shared.unclaimTask,
      assignTask: shared.assignTask,
      completeTask: shared.completeTask,
    }),
  );
  router.use(caseRoutes(new GetCaseUseCase(cases, tasks, deps.employerDirectory, deps.caseDocuments, new CaseFigures(catalog, deps.engine))));
  router.use(processRoutes({ list: new ListProcessesUseCase(catalog), version: new GetProcessVersionUseCase(catalog) }));
  router.use(auditRoutes(new ReadAuditUseCase(audit, cases, users)));
  router.use(userRoutes(new ListAssigneesUseCase(users)));
  router.use(adminRoutes(deps.engine));
  router.use(
    deploymentRoutes({
      deploy: shared.deploy,
      listDefinitions: new ListProcessDefinitionsUseCase(deps.engine),
      getDefinitionXml: new GetProcessDefinitionXmlUseCase(deps.engine),
    }),
  );
  return router;
}
