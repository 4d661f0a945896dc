import { EngineError, type PublishMessageCommand, type PublishMessageResult, type Variables } from '../process-engine';
import type { CommandContext, EngineCore } from './engine-core';
import { allocateKeys } from './instance-store';

/** Publishes a message with Zeebe semantics: one correlation per process id, message starts, buffer for its TTL. */
export async function publishMessage(core: EngineCore, ctx: CommandContext, command: PublishMessageCommand): Promise<PublishMessageResult> {
  const ttl = Math.max(command.timeToLive ?? 0, 0);
  const variables: Variables = command.variables ?? {};
  const { name, correlationKey } = command;
  if (command.messageId) {
    const [duplicate] = await ctx.tx.query(`SELECT 1 FROM message WHERE name = $1 AND correlation_key = $2 AND message_id = $3 AND expires_at > $4`,
      [name, correlationKey, command.messageId, ctx.now]);
    if (duplicate) throw new EngineError('MESSAGE_ALREADY_EXISTS', `message ${name} with id ${command.messageId} is already buffered for key '${correlationKey}'`);
  }
  const messageKey = (await allocateKeys(ctx.tx))();
  const correlated = new Set<string>();
  const instanceKeys: string[] = [];

  const subscriptions: { key: string; process_instance_key: string; element_instance_key: string; element_id: string; bpmn_process_id: string }[] = await ctx.tx.query(
    `SELECT key::text, process_instance_key::text, element_instance_key::text, element_id, bpmn_process_id FROM message_subscription
     WHERE message_name = $1 AND correlation_key = $2 ORDER BY message_subscription.key`, [name, correlationKey]);
  for (const sub of subscriptions) {
    if (correlated.has(sub.bpmn_process_id)) continue;
    const state = await core.lockInstance(ctx, sub.process_instance_key);
    const [still] = await ctx.tx.query(`SELECT 1 FROM message_subscription WHERE key = $1`, [sub.key]);
    if (!still) continue;
    await core.step(ctx, state, (i) => {
      i.record('MESSAGE_CORRELATED', { elementId: sub.element_id, variables, detail: { messageKey, messageName: name, correlationKey } });
      i.trigger(sub.element_id, sub.element_instance_key, variables);
    });
    correlated.add(sub.bpmn_process_id);
    instanceKeys.push(state.key);
  }

  const starts: { definition_key: string; bpmn_process_id: string; element_id: string }[] = await ctx.tx.query(
    `SELECT process_definition_key::text AS definition_key, bpmn_process_id, element_id FROM message_start_subscription WHERE message_name = $1 ORDER BY bpmn_process_id`, [name]);
  for (const start of starts) {
    if (correlated.has(start.bpmn_process_id)) continue;
    // Zeebe: while an instance started with this key is active, the key starts nothing more.
    if (correlationKey !== '') {
      const [active] = await ctx.tx.query(`SELECT 1 FROM process_instance WHERE bpmn_process_id = $1 AND correlation_tag = $2 AND state = 'ACTIVE'`, [start.bpmn_process_id, correlationKey]);
      if (active) continue;
    }
    const definition = await core.definitionByKey(ctx.tx, start.definition_key);
    const state = await core.createInstance(ctx, definition, variables, start.element_id, correlationKey === '' ? null : correlationKey);
    correlated.add(start.bpmn_process_id);
    instanceKeys.push(state.key);
  }

  if (ttl > 0) {
    await ctx.tx.query(`INSERT INTO message (key, name, correlation_key, message_id, variables, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [messageKey, name, correlationKey, command.messageId ?? null, JSON.stringify(variables), new Date(ctx.now.getTime() + ttl), ctx.now]);
    for (const processId of correlated) {
      await ctx.tx.query(`INSERT INTO message_correlation (message_key, bpmn_process_id) VALUES ($1, $2)`, [messageKey, processId]);
    }
  }
  return { messageKey, processInstanceKeys: instanceKeys };
}
