import type { DataSource, EntityManager } from 'typeorm';
import {
  EngineError,
  type DeploymentResult,
  type EngineRecord,
  type ProcessEngine,
  type PublishMessageResult,
  type TransactionalListener,
  type UserTask,
  type UserTaskCommandOptions,
  type Variables,
} from '../engine/process-engine';

export interface FakeTaskSpec {
  processInstanceKey: string;
  rootProcessInstanceKey?: string;
  bpmnProcessId: string;
  elementId: string;
  name: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  assignee?: string | null;
  formKey?: string | null;
  dueDate?: string | null;
  priority?: number;
}

interface FakeInstance {
  bpmnProcessId: string;
  rootProcessInstanceKey: string;
  variables: Variables;
}

/**
 * A test double of the ProcessEngine port for the workbench's own tests, faithful where the workbench depends on
 * it: it writes `user_task` rows, increments versions, locks rows, raises the engine's error codes and delivers
 * records to transactional listeners inside its transaction. It runs no BPMN: instances and tasks are created by
 * the test through `createInstance` and `createUserTask`.
 */
export class FakeProcessEngine implements ProcessEngine {
  private readonly listeners: TransactionalListener[] = [];
  private readonly forms = new Map<string, { formId: string; version: number; schema: unknown }>();
  private readonly instances = new Map<string, FakeInstance>();
  private nextKey = 2251799813685249n;

  constructor(private readonly dataSource: DataSource) {}

  /** Registers a form that tasks refer to by `formKey`. */
  addForm(formKey: string, schema: unknown, version = 1): void {
    const formId = typeof schema === 'object' && schema && 'id' in schema ? String((schema as { id: unknown }).id) : formKey;
    this.forms.set(formKey, { formId, version, schema });
  }

  async createInstance(bpmnProcessId: string, variables: Variables = {}, options: { version?: number; tx?: EntityManager } = {}) {
    const key = this.key();
    this.instances.set(key, { bpmnProcessId, rootProcessInstanceKey: key, variables: { ...variables } });
    const version = options.version ?? 1;
    await this.inTransaction(options.tx, (tx) =>
      this.emit(tx, [
        { ...this.base(key), kind: 'PROCESS_INSTANCE_CREATED', elementName: bpmnProcessId, variables: { ...variables }, detail: { version, processName: bpmnProcessId } },
      ]),
    );
    return { processInstanceKey: key, version };
  }

  async createUserTask(spec: FakeTaskSpec): Promise<string> {
    const key = this.key();
    const instance = this.instances.get(spec.processInstanceKey);
    const root = spec.rootProcessInstanceKey ?? instance?.rootProcessInstanceKey ?? spec.processInstanceKey;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO user_task (key, element_id, element_instance_key, name, bpmn_process_id, process_definition_key, process_instance_key,
           root_process_instance_key, state, assignee, candidate_groups, candidate_users, form_key, form_version, due_date, priority, version, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, 'CREATED', $8, $9, $10, $11, $12, $13, $14, 0, now())`,
        [
          key,
          spec.elementId,
          this.key(),
          spec.name,
          spec.bpmnProcessId,
          spec.processInstanceKey,
          root,
          spec.assignee ?? null,
          spec.candidateGroups ?? [],
          spec.candidateUsers ?? [],
          spec.formKey ?? null,
          spec.formKey ? (this.forms.get(spec.formKey)?.version ?? null) : null,
          spec.dueDate ?? null,
          spec.priority ?? 50,
        ],
      );
      await this.emit(tx, [
        {
          ...this.base(spec.processInstanceKey, root, spec.bpmnProcessId),
          kind: 'USER_TASK_CREATED',
          elementId: spec.elementId,
          elementType: 'USER_TASK',
          elementName: spec.name,
          userTaskKey: key,
          variables: { ...(instance?.variables ?? {}) },
        },
      ]);
    });
    return key;
  }

  /** Ends an instance as the engine would once its last token is consumed. */
  async completeInstance(processInstanceKey: string): Promise<void> {
    await this.dataSource.transaction((tx) => this.emit(tx, [{ ...this.base(processInstanceKey), kind: 'PROCESS_INSTANCE_COMPLETED' }]));
  }

  async cancelInstance(processInstanceKey: string, options: { tx?: EntityManager } = {}): Promise<void> {
    if (!this.instances.has(processInstanceKey)) throw new EngineError('INSTANCE_NOT_FOUND', `Instance ${processInstanceKey} not found`);
    await this.inTransaction(options.tx, async (tx) => {
      await tx.query(`UPDATE user_task SET state = 'CANCELED', version = version + 1 WHERE process_instance_key = $1 AND state = 'CREATED'`, [processInstanceKey]);
      await this.emit(tx, [{ ...this.base(processInstanceKey), kind: 'PROCESS_INSTANCE_CANCELED' }]);
    });
  }

  async getUserTask(key: string, tx?: EntityManager): Promise<UserTask | null> {
    const [row] = await (tx ?? this.dataSource.manager).query(`SELECT * FROM user_task WHERE key = $1`, [key]);
    return row ? toUserTask(row) : null;
  }

  async assignUserTask(key: string, assignee: string | null, options: UserTaskCommandOptions & { allowOverride?: boolean } = {}): Promise<UserTask> {
    return this.inTransaction(options.tx, async (tx) => {
      const row = await this.lockActiveTask(tx, key, options.expectedVersion);
      if (!options.allowOverride && assignee !== null && row.assignee !== null && row.assignee !== assignee) {
        throw new EngineError('TASK_ALREADY_CLAIMED', `Task ${key} is already claimed by ${row.assignee}`);
      }
      const [[updated]] = await tx.query(`UPDATE user_task SET assignee = $2, version = version + 1 WHERE key = $1 RETURNING *`, [key, assignee]);
      await this.emit(tx, [
        { ...this.taskBase(row), kind: 'USER_TASK_ASSIGNED', actor: options.actor, detail: { assignee, previousAssignee: row.assignee } },
      ]);
      return toUserTask(updated);
    });
  }

  async completeUserTask(key: string, variables: Variables, options: UserTaskCommandOptions = {}): Promise<void> {
    await this.inTransaction(options.tx, async (tx) => {
      const row = await this.lockActiveTask(tx, key, options.expectedVersion);
      await tx.query(`UPDATE user_task SET state = 'COMPLETED', completed_at = now(), completed_by = $2, version = version + 1 WHERE key = $1`, [
        key,
        options.actor ?? null,
      ]);
      const instance = this.instances.get(String(row.process_instance_key));
      if (instance) Object.assign(instance.variables, variables);
      await this.emit(tx, [{ ...this.taskBase(row), kind: 'USER_TASK_COMPLETED', actor: options.actor, variables: { ...variables } }]);
    });
  }

  async getFormForUserTask(key: string, tx?: EntityManager) {
    const task = await this.getUserTask(key, tx);
    return task?.formKey ? (this.forms.get(task.formKey) ?? null) : null;
  }

  async getVariables(processInstanceKey: string): Promise<Variables> {
    return { ...(this.instances.get(processInstanceKey)?.variables ?? {}) };
  }

  onRecords(listener: TransactionalListener): void {
    this.listeners.push(listener);
  }

  /** Delivers arbitrary records (message correlated, timer fired, ...) as if a command had produced them. */
  async emitRecords(records: EngineRecord[]): Promise<void> {
    await this.dataSource.transaction((tx) => this.emit(tx, records));
  }

  async deploy(): Promise<DeploymentResult> {
    throw new Error('The fake engine deploys nothing: create instances and tasks directly');
  }

  async publishMessage(): Promise<PublishMessageResult> {
    throw new Error('The fake engine correlates no messages: use emitRecords');
  }

  registerWorker(): void {
    throw new Error('The fake engine runs no jobs');
  }

  now(): Date {
    return new Date();
  }

  async advanceClock(): Promise<{ now: string; timersFired: number }> {
    throw new EngineError('CLOCK_NOT_CONTROLLABLE', 'The fake engine has no timers: use emitRecords for TIMER_FIRED');
  }

  /** The fake schedules no timers and runs no jobs, so there is never due work. */
  async runDueWork(): Promise<void> {
    return undefined;
  }

  async start(): Promise<void> {
    return undefined;
  }

  async stop(): Promise<void> {
    return undefined;
  }

  private async lockActiveTask(tx: EntityManager, key: string, expectedVersion: number | undefined) {
    const [row] = /^\d{1,19}$/.test(key) ? await tx.query(`SELECT * FROM user_task WHERE key = $1 FOR UPDATE`, [key]) : [];
    if (!row) throw new EngineError('TASK_NOT_FOUND', `Task ${key} not found`);
    if (row.state !== 'CREATED') throw new EngineError('TASK_NOT_ACTIVE', `Task ${key} is ${String(row.state).toLowerCase()}`);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new EngineError('TASK_VERSION_CONFLICT', `Task ${key} changed meanwhile (version ${row.version}, expected ${expectedVersion})`);
    }
    return row;
  }

  private async emit(tx: EntityManager, records: EngineRecord[]): Promise<void> {
    for (const listener of this.listeners) await listener(tx, records);
  }

  private inTransaction<T>(tx: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.dataSource.transaction(work);
  }

  private base(processInstanceKey: string, root?: string, bpmnProcessId?: string) {
    const instance = this.instances.get(processInstanceKey);
    return {
      processInstanceKey,
      rootProcessInstanceKey: root ?? instance?.rootProcessInstanceKey ?? processInstanceKey,
      bpmnProcessId: bpmnProcessId ?? instance?.bpmnProcessId ?? 'unknown',
      at: new Date().toISOString(),
    };
  }

  private taskBase(row: Record<string, unknown>) {
    return {
      ...this.base(String(row['process_instance_key']), String(row['root_process_instance_key']), String(row['bpmn_process_id'])),
      elementId: String(row['element_id']),
      elementType: 'USER_TASK',
      elementName: String(row['name']),
      userTaskKey: String(row['key']),
    };
  }

  private key(): string {
    this.nextKey += 1n;
    return this.nextKey.toString();
  }
}

function toUserTask(row: Record<string, unknown>): UserTask {
  const date = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
  return {
    key: String(row['key']),
    elementId: String(row['element_id']),
    name: String(row['name']),
    bpmnProcessId: String(row['bpmn_process_id']),
    processDefinitionKey: String(row['process_definition_key']),
    processInstanceKey: String(row['process_instance_key']),
    state: row['state'] as UserTask['state'],
    assignee: (row['assignee'] as string | null) ?? null,
    candidateGroups: row['candidate_groups'] as string[],
    candidateUsers: row['candidate_users'] as string[],
    formKey: (row['form_key'] as string | null) ?? null,
    dueDate: date(row['due_date']),
    followUpDate: date(row['follow_up_date']),
    priority: Number(row['priority']),
    version: Number(row['version']),
    createdAt: date(row['created_at']) ?? '',
  };
}
