import type { MigrationInterface } from 'typeorm';
import { Engine1733000001000 } from './1733000001000-engine';
import { Workbench1733000002000 } from './1733000002000-workbench';
import { EventsEmployers1733000003000 } from './1733000003000-events-employers';
import { EmployerSearch1733000004000 } from './1733000004000-employer-search';
import { TimerStarts1733000004100 } from './1733000004100-timer-starts';
import { PendingEventSubject1733000005000 } from './1733000005000-pending-event-subject';
import { DeferralPlans1733000006300 } from './1733000006300-deferral-plans';
import { AuditTrail1733000006500 } from './1733000006500-audit-trail';
import { LoginThrottle1733000006600 } from './1733000006600-login-throttle';
import { AuditPending1733000006700 } from './1733000006700-audit-pending';
import { ElementHistory1733000006800 } from './1733000006800-element-history';
import { TaskHistoryIndex1733000007000 } from './1733000007000-task-history-index';
import { OpenIdConnect1733000007200 } from './1733000007200-openid-connect';
import { TaskAmountDescIndex1733000007300 } from './1733000007300-task-amount-desc-index';
import { TaskElementIndex1733000007400 } from './1733000007400-task-element-index';

/** Migrations in the order they run; each file is named `<timestamp>-<what>.ts`. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Engine1733000001000,
  Workbench1733000002000,
  EventsEmployers1733000003000,
  EmployerSearch1733000004000,
  TimerStarts1733000004100,
  PendingEventSubject1733000005000,
  DeferralPlans1733000006300,
  AuditTrail1733000006500,
  LoginThrottle1733000006600,
  AuditPending1733000006700,
  ElementHistory1733000006800,
  TaskHistoryIndex1733000007000,
  OpenIdConnect1733000007200,
  TaskAmountDescIndex1733000007300,
  TaskElementIndex1733000007400,
];
