import type { DataSource } from 'typeorm';
import type { TaskItem, TaskList, TaskListQuery, TaskSortField } from '@werkbank/shared';
import type { TaskQueries, WorkbenchTask } from '../application/ports';
import { parseEmployerSearchTerm } from '../domain/employer/employer-search-term';
import { RESTRICTED_GROUPS, restrictedGroupsOf, type Actor } from '../domain/tasks/task-access';
import { isEngineKey } from '../engine/process-engine';

// The only columns a client can sort on; user input never reaches the SQL text.
// Qualified so that ORDER BY sorts the column itself, not the text output alias of the same name.
const SORT_COLUMNS: Record<TaskSortField, string> = {
  enterpriseNumber: 'user_task.enterprise_number',
  // The folded name (lower case, accents removed): "Éclair" sorts with the e's, not after the z's.
  employerName: 'user_task.employer_search',
  amountDue: 'user_task.amount_due',
  dueDate: 'user_task.due_date',
  process: 'user_task.process_name',
  step: 'user_task.name',
  state: 'user_task.state',
  assignee: 'user_task.assignee',
  createdAt: 'user_task.created_at',
};

const COLUMNS = `key::text AS id, name, element_id, bpmn_process_id, process_name, state, assignee, candidate_groups,
  candidate_users, process_instance_key::text AS process_instance_key, root_process_instance_key::text AS case_id, enterprise_number, employer_name, amount_due::text AS amount_due,
  due_date, created_at, version, (SELECT display_name FROM app_user WHERE app_user.username = user_task.assignee) AS assignee_name`;

interface TaskRow {
  id: string;
  name: string;
  element_id: string;
  bpmn_process_id: string;
  process_name: string | null;
  state: TaskItem['state'];
  assignee: string | null;
  assignee_name: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  process_instance_key: string;
  case_id: string;
  enterprise_number: string | null;
  employer_name: string | null;
  amount_due: string | null;
  due_date: Date | null;
  created_at: Date;
  version: number;
}

/**
 * How many matching tasks the list counts at most. An exact count of a large view (a lead's 700,000 completed tasks)
 * costs hundreds of milliseconds on every page, while nobody pages through more than a few hundred tasks: above the bound
 * the list says "1,000+" (`totalIsExact: false`) and the count stops reading after bound + 1 rows. At 10,000 the count
 * still cost 40-105 ms at 1,000,000 task rows (the group and name indexes are bitmaps that cannot stop early) and made
 * the list's p95 80 ms (bench/README.md); at 1,000 it reads a tenth of that.
 */
export const TASK_COUNT_BOUND = 1_000;

/** Set-based reads of the task list; every value travels as a bind parameter. */
export class TaskQueryRepository implements TaskQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly countBound = TASK_COUNT_BOUND,
  ) {}

  async list(query: TaskListQuery, actor: Actor): Promise<TaskList> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    // Restricted (inspection) tasks only for members of their groups and administrators, in every view.
    if (!actor.roles.includes('admin')) {
      where.push(`(NOT candidate_groups && ${bind(RESTRICTED_GROUPS)}::text[] OR candidate_groups && ${bind(restrictedGroupsOf(actor.groups))}::text[])`);
    }
    if (query.view === 'mine') where.push(`assignee = ${bind(actor.username)}`);
    if (query.view === 'group') {
      where.push(`state = 'CREATED'`, `candidate_groups && ${bind(actor.groups)}::text[]`);
    } else {
      where.push(`state = ${bind(query.state ?? 'CREATED')}`);
    }
    if (query.view === 'group' && query.state && query.state !== 'CREATED') where.push('false');
    if (query.process) where.push(`bpmn_process_id = ${bind(query.process)}`);
    // Several element ids, comma-separated: one step a model places twice (BPMN ids never hold a comma).
    if (query.step) where.push(`element_id = ANY(${bind(query.step.split(','))}::text[])`);
    if (query.assignee) where.push(`assignee = ${bind(query.assignee)}`);
    if (query.employer) where.push(employerFilter(query.employer, bind));
    if (query.amountMin) where.push(`amount_due >= ${bind(query.amountMin)}::numeric`);
    if (query.amountMax) where.push(`amount_due <= ${bind(query.amountMax)}::numeric`);
    // Dates are calendar days in Brussels, where the office works.
    if (query.dueAfter) where.push(`due_date >= (${bind(query.dueAfter)}::date)::timestamp AT TIME ZONE 'Europe/Brussels'`);
    if (query.dueBefore) where.push(`due_date < (${bind(query.dueBefore)}::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels'`);

    const filter = where.join(' AND ');
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
    const countParams = [...params, this.countBound + 1];
    const countLimit = `$${countParams.length}`;
    const limit = bind(query.size);
    const offset = bind(query.page * query.size);
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM user_task WHERE ${filter}
          ORDER BY ${SORT_COLUMNS[query.sort]} ${direction} NULLS LAST, user_task.key ${direction} LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM (SELECT 1 FROM user_task WHERE ${filter} LIMIT ${countLimit}) AS bounded`, countParams),
    ]);
    const total: number = count.total;
    return { items: (rows as TaskRow[]).map(toItem), total: Math.min(total, this.countBound), totalIsExact: total <= this.countBound };
  }

  async find(taskKey: string): Promise<WorkbenchTask | null> {
    if (!isEngineKey(taskKey)) return null;
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM user_task WHERE key = $1`, [taskKey]);
    return row ? { ...toItem(row), candidateUsers: row.candidate_users, processInstanceKey: row.process_instance_key } : null;
  }

  async openTasksOfCase(caseId: string): Promise<TaskItem[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM user_task WHERE root_process_instance_key = $1 AND state = 'CREATED' ORDER BY created_at, key`,
      [caseId],
    );
    return (rows as TaskRow[]).map(toItem);
  }
}

/**
 * An enterprise number in any form matches by prefix; anything else is a case- and accent-insensitive substring of
 * the employer name, folded by the same SQL function as the indexed `employer_search` column (trigram GIN index).
 */
function employerFilter(input: string, bind: (v: unknown) => string): string {
  const term = parseEmployerSearchTerm(input);
  if (term.kind === 'enterprise-number') return `enterprise_number LIKE ${bind(`${term.prefix}%`)}`;
  const escaped = term.text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return `employer_search LIKE '%' || werkbank_fold(${bind(escaped)}) || '%'`;
}

function toItem(row: TaskRow): TaskItem {
  return {
    id: row.id,
    name: row.name,
    step: row.element_id,
    process: { bpmnProcessId: row.bpmn_process_id, name: row.process_name },
    state: row.state,
    assignee: row.assignee,
    assigneeName: row.assignee_name,
    candidateGroups: row.candidate_groups,
    caseId: row.case_id,
    employer: row.enterprise_number ? { enterpriseNumber: row.enterprise_number, name: row.employer_name } : null,
    amountDue: row.amount_due,
    dueDate: row.due_date ? row.due_date.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}
