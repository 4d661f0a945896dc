import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { EngineError } from '../process-engine';
import { SystemClock } from './clock';
import { EngineCore } from './engine-core';
import { EmbeddedProcessEngine } from './embedded-process-engine';
import { fixture } from './fixtures/fixtures';
import { setVariables } from './incident-commands';

/** Group commit (CommandBatcher): commands sent in one turn share a transaction; a failure stays the failing command's. */
describe('EmbeddedProcessEngine command batches', () => {
  let db: TestDatabase;
  /** One transaction at a time: commands sent in one turn form one batch. */
  let batched: EmbeddedProcessEngine;
  /** Every command in its own transaction (as before group commit). */
  let alone: EmbeddedProcessEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    batched = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true, batching: { concurrency: 1 } });
    alone = new EmbeddedProcessEngine(db.dataSource, { controllableClock: true, batching: { maxCommands: 1 } });
    await batched.deploy([fixture('user-task.bpmn'), fixture('contact-employer.form')]);
  });
  afterAll(async () => {
    await db.drop();
  });

  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('missing');
    return value;
  };
  const variables = (i: number) => ({ owner: `agent${i}`, employer: { name: `Employer ${i}` } });
  const taskOf = async (processInstanceKey: string) => {
    const [task] = await batched.searchUserTasks({ processInstanceKey });
    if (!task) throw new Error(`no task in ${processInstanceKey}`);
    return task;
  };
  /** The engine rows of an instance without its keys: what two runs of the same commands must agree on. */
  const rowsOf = async (pi: string) => {
    const [rows] = await db.dataSource.query(
      `SELECT (SELECT json_agg(json_build_object('state', state, 'bpmn', bpmn_process_id, 'ended', ended_at IS NOT NULL)) FROM process_instance WHERE key = $1) AS instance,
              (SELECT json_agg(json_build_object('id', element_id, 'type', element_type) ORDER BY element_id) FROM element_instance WHERE process_instance_key = $1) AS elements,
              (SELECT json_agg(json_build_object('name', name, 'value', value) ORDER BY name) FROM variable WHERE process_instance_key = $1) AS variables,
              (SELECT json_agg(json_build_object('id', element_id, 'state', state, 'assignee', assignee, 'groups', candidate_groups, 'version', version, 'form', form_key) ORDER BY element_id) FROM user_task WHERE process_instance_key = $1) AS tasks,
              (SELECT json_agg(kind ORDER BY id) FROM outbox WHERE process_instance_key = $1) AS outbox`, [pi]);
    return rows;
  };
  const startsAndCommands = (engine: EmbeddedProcessEngine) => engine.batchStats();

  it('should give concurrent starts in one transaction the same rows as the same starts one by one', async () => {
    // given 20 starts sent at once to the batching engine, and the same 20 sent one by one to the other
    const before = startsAndCommands(batched);
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => batched.createInstance('user-task', variables(i))));
    const after = startsAndCommands(batched);
    const oneByOne = [];
    for (let i = 0; i < 20; i++) oneByOne.push(await alone.createInstance('user-task', variables(i)));
    // then they ran as one batch (one transaction) and wrote exactly the rows of the sequential starts
    expect(after.commands - before.commands).toBe(20);
    expect(after.batches - before.batches).toBe(1);
    for (let i = 0; i < 20; i++) {
      const rows = await rowsOf(together[i]?.processInstanceKey as string);
      expect(rows.tasks).toHaveLength(1);
      expect(rows).toEqual(await rowsOf(oneByOne[i]?.processInstanceKey as string));
    }
  });

  it('should fail a command that throws after its checks alone, with its own error, and commit the others of its batch', async () => {
    // given three instances with their task
    const pis = await Promise.all([0, 1, 2].map((i) => alone.createInstance('user-task', variables(i))));
    const [t0, t1, t2] = (await Promise.all(pis.map((p) => taskOf(p.processInstanceKey)))).map(must);
    const outbox = async () => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE process_instance_key = $1`, [must(t1).processInstanceKey]))[0].n);
    const outboxBefore = await outbox();
    const before = batched.batchStats();
    // when they are completed in one batch, the middle one with a stale version
    const results = await Promise.allSettled([
      batched.completeUserTask(must(t0).key, { decision: 'promise' }),
      batched.completeUserTask(must(t1).key, { decision: 'promise' }, { expectedVersion: 7 }),
      batched.completeUserTask(must(t2).key, { decision: 'promise' }),
    ]);
    // then the stale one fails with TASK_VERSION_CONFLICT and left nothing; the others committed in that same batch
    const after = batched.batchStats();
    expect(after.batches - before.batches).toBe(1);
    expect(after.rerunBatches - before.rerunBatches).toBe(0);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (results[1] as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('TASK_VERSION_CONFLICT');
    expect((await batched.getUserTask(must(t0).key))?.state).toBe('COMPLETED');
    expect((await batched.getUserTask(must(t1).key))).toMatchObject({ state: 'CREATED', version: 0 });
    expect((await batched.getUserTask(must(t2).key))?.state).toBe('COMPLETED');
    expect(await outbox()).toBe(outboxBefore);
  });

  it('should run two commands of one batch on the same instance one after the other', async () => {
    // given an instance with its task
    const { processInstanceKey } = await alone.createInstance('user-task', variables(5));
    const task = await taskOf(processInstanceKey);
    const before = batched.batchStats();
    // when the task is claimed, completed and completed again, all in one batch
    const results = await Promise.allSettled([
      batched.assignUserTask(task.key, 'agent5'),
      batched.completeUserTask(task.key, { decision: 'promise' }, { expectedVersion: 1 }),
      batched.completeUserTask(task.key, { decision: 'promise' }),
    ]);
    // then the second saw the first's write (version 1), the third found the task completed and failed alone
    expect(batched.batchStats().batches - before.batches).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(((results[2] as PromiseRejectedResult).reason as EngineError).code).toBe('TASK_NOT_ACTIVE');
    expect(await batched.getUserTask(task.key)).toMatchObject({ state: 'COMPLETED', assignee: 'agent5', version: 2 });
    expect((await batched.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });

  it('should roll back a batch whose command throws after a write and run its commands again alone', async () => {
    // given an engine core whose batches are this test's commands, and two instances
    const core = new EngineCore(db.dataSource, new SystemClock(), { concurrency: 1 });
    const [a, b] = (await Promise.all([0, 1].map((i) => alone.createInstance('user-task', variables(i))))).map((s) => s.processInstanceKey);
    // when a batch holds a command that writes a variable and then throws, between two that write theirs
    const failure = new Error('after the write');
    const results = await Promise.allSettled([
      core.command(undefined, (ctx) => setVariables(core, ctx, must(a), { first: 1 }, false)),
      core.command(undefined, async (ctx) => {
        await setVariables(core, ctx, must(b), { broken: true }, false);
        throw failure;
      }),
      core.command(undefined, (ctx) => setVariables(core, ctx, must(b), { third: 3 }, false)),
    ]);
    // then the batch was re-run command by command: only the throwing one failed, with its own error, and left nothing
    expect(core.batcher.stats).toMatchObject({ batches: 1, commands: 3, rerunBatches: 1 });
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBe(failure);
    expect(await alone.getVariables(must(a))).toMatchObject({ first: 1 });
    const bVariables = await alone.getVariables(must(b));
    expect(bVariables).toMatchObject({ third: 3 });
    expect(bVariables).not.toHaveProperty('broken');
  });

  it('should re-run alone the batch PostgreSQL aborts to break a deadlock between two batches', async () => {
    // given two batches that lock two instances in opposite orders, each holding its first lock until the other has its own
    const core = new EngineCore(db.dataSource, new SystemClock(), { maxCommands: 2, concurrency: 2 });
    const [a, b] = (await Promise.all([0, 1].map((i) => alone.createInstance('user-task', variables(i))))).map((s) => s.processInstanceKey);
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const lockThenWait = (pi: string) => core.command(undefined, async (ctx) => {
      await core.lockInstance(ctx, pi);
      if (++arrived === 2) release();
      await bothLocked;
    });
    const write = (pi: string, name: string) => core.command(undefined, (ctx) => setVariables(core, ctx, pi, { [name]: true }, false));
    // when both run (batch 1: lock a, then write b; batch 2: lock b, then write a)
    const results = await Promise.allSettled([
      lockThenWait(must(a)), write(must(b), 'fromFirst'),
      lockThenWait(must(b)), write(must(a), 'fromSecond'),
    ]);
    // then PostgreSQL aborted one batch, which ran again alone: every command succeeded and both writes are there
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(core.batcher.stats).toMatchObject({ batches: 2, commands: 4, rerunBatches: 1 });
    expect(await alone.getVariables(must(a))).toMatchObject({ fromSecond: true });
    expect(await alone.getVariables(must(b))).toMatchObject({ fromFirst: true });
  });

  it('should run again a command alone that PostgreSQL picks as the victim of a deadlock with a batch', async () => {
    // given a batch (one engine process) that locks instance a, then writes b, and a lone command (another process,
    // no batching) that locks b, then writes a: the lone one waits first, so PostgreSQL aborts it
    const batching = new EngineCore(db.dataSource, new SystemClock(), { concurrency: 1 });
    const single = new EngineCore(db.dataSource, new SystemClock(), { maxCommands: 1 });
    const [a, b] = (await Promise.all([0, 1].map((i) => alone.createInstance('user-task', variables(i))))).map((s) => s.processInstanceKey);
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const arrive = async () => {
      if (++arrived === 2) release();
      await bothLocked;
    };
    const results = await Promise.allSettled([
      batching.command(undefined, async (ctx) => {
        await batching.lockInstance(ctx, must(a));
        await arrive();
        await new Promise((r) => setTimeout(r, 300));
      }),
      batching.command(undefined, (ctx) => setVariables(batching, ctx, must(b), { fromBatch: true }, false)),
      single.command(undefined, async (ctx) => {
        await single.lockInstance(ctx, must(b));
        await arrive();
        await setVariables(single, ctx, must(a), { fromSingle: true }, false);
      }),
    ]);
    // then every command succeeded: the lone victim ran again once the batch had committed
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(single.batcher.stats.deadlockRetries).toBe(1);
    expect(await alone.getVariables(must(a))).toMatchObject({ fromSingle: true });
    expect(await alone.getVariables(must(b))).toMatchObject({ fromBatch: true });
  });

  it('should look up the latest version once for the starts of a batch, and start the version deployed before they were sent', async () => {
    // given version 1 of a process, then version 2 deployed (a new name makes it a new version)
    const model = (name: string) => ({ name: 'shared-lookup.bpmn', content: fixture('start-end.bpmn').content.replace(/start-end/g, 'shared-lookup').replace('Start end', name) });
    await batched.deploy([model('first')]);
    await batched.deploy([model('second')]);
    const lookups = jest.spyOn(pg.Client.prototype, 'query');
    try {
      // when ten starts are sent together
      const before = batched.batchStats();
      const started = await Promise.all(Array.from({ length: 10 }, () => batched.createInstance('shared-lookup')));
      // then they ran as one batch, looked the process up once, and all started version 2
      expect(batched.batchStats().batches - before.batches).toBe(1);
      const texts = lookups.mock.calls.map(([sql]) => String(typeof sql === 'string' ? sql : (sql as { text?: string }).text));
      expect(texts.filter((t) => t.includes('FROM process_definition WHERE bpmn_process_id'))).toHaveLength(1);
      expect(started.map((s) => s.version)).toEqual(Array(10).fill(2));
    } finally {
      lookups.mockRestore();
    }
    // and a version deployed after that batch is what the next start gets
    await batched.deploy([model('third')]);
    expect((await batched.createInstance('shared-lookup')).version).toBe(3);
  });

  describe('runInCommand', () => {
    const probes = async (tag: string) => (await db.dataSource.query(`SELECT name FROM unit_probe WHERE name LIKE $1 ORDER BY name`, [`${tag}%`])).map((r: { name: string }) => r.name);
    const instancesOf = async (tag: string) => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM variable WHERE name = 'owner' AND value #>> '{}' LIKE $1`, [`${tag}%`]))[0].n);
    const notified: number[] = [];
    beforeAll(async () => {
      await db.dataSource.query(`CREATE TABLE unit_probe (name text PRIMARY KEY)`);
      batched.onRecords(async (_tx, records) => {
        notified.push(records.filter((r) => r.kind === 'PROCESS_INSTANCE_CREATED').length);
      });
    });

    it('should run units of work sent together as one batch, their engine commands inside it, notified once', async () => {
      // given five units of work, each writing a row of its own and starting an instance in the unit's transaction
      const before = batched.batchStats();
      notified.length = 0;
      // when they are sent in one turn
      const keys = await Promise.all([0, 1, 2, 3, 4].map((i) => batched.runInCommand(async (tx) => {
        await tx.query(`INSERT INTO unit_probe (name) VALUES ($1)`, [`together-${i}`]);
        return (await batched.createInstance('user-task', { owner: `together-${i}` }, { tx })).processInstanceKey;
      })));
      // then they shared one transaction, the listeners saw the five starts at once, and everything committed
      expect(batched.batchStats().batches - before.batches).toBe(1);
      expect(batched.batchStats().commands - before.commands).toBe(5);
      expect(notified).toEqual([5]);
      expect(await probes('together-')).toEqual([0, 1, 2, 3, 4].map((i) => `together-${i}`));
      for (const key of keys) expect((await alone.getProcessInstance(key))?.state).toBe('ACTIVE');
    });

    it('should roll back a unit that throws after a write with its engine command, run it again alone and commit the others', async () => {
      // given three units of work, the middle one throwing after its row and its instance were written
      const before = batched.batchStats();
      const failure = new Error('after the write');
      let runs = 0;
      const unit = (tag: string, fail = false) => batched.runInCommand(async (tx) => {
        runs += fail ? 1 : 0;
        await tx.query(`INSERT INTO unit_probe (name) VALUES ($1)`, [tag]);
        await batched.createInstance('user-task', { owner: tag }, { tx });
        if (fail) throw failure;
        return tag;
      });
      // when they are sent together
      const results = await Promise.allSettled([unit('rollback-a'), unit('rollback-b', true), unit('rollback-c')]);
      // then the batch was rolled back and run again unit by unit: only the failing one failed, and it left nothing
      expect(batched.batchStats().rerunBatches - before.rerunBatches).toBe(1);
      expect(runs).toBe(2);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBe(failure);
      expect(await probes('rollback-')).toEqual(['rollback-a', 'rollback-c']);
      expect(await instancesOf('rollback-b')).toBe(0);
      expect(await instancesOf('rollback-a')).toBe(1);
      expect(await instancesOf('rollback-c')).toBe(1);
    });
  });

  it('should run a lone command at once in its own transaction', async () => {
    // given no command under way
    const before = batched.batchStats();
    // when one instance is started
    const { processInstanceKey } = await batched.createInstance('user-task', variables(9));
    // then it ran alone and committed
    expect(batched.batchStats()).toMatchObject({ batches: before.batches + 1, commands: before.commands + 1, rerunBatches: before.rerunBatches });
    expect((await alone.getProcessInstance(processInstanceKey))?.state).toBe('ACTIVE');
  });
});
