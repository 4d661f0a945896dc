import { EngineError, type PublishMessageCommand, type PublishMessageResult, type Variables } from '../process-engine';
import type { CommandContext, EngineCore } from './engine-core';

interface SubscriptionRow {
  key: string;
  process_instance_key: string;
  element_instance_key: string;
  element_id: string;
  bpmn_process_id: string;
}

interface StartRow {
  definition_key: string;
  bpmn_process_id: string;
  element_id: string;
}

/** Publishes a message with Zeebe semantics: one correlation per process id, message starts, buffer for its TTL. */
export async function publishMessage(core: EngineCore, ctx: CommandContext, command: PublishMessageCommand): Promise<PublishMessageResult> {
  const ttl = Math.max(command.timeToLive ?? 0, 0);
  const variables: Variables = command.variables ?? {};
  const { name, correlationKey } = command;
  // One round trip for what the command needs up front: the duplicate check, the open subscriptions, the message starts.
  const [lookup]: { duplicate: boolean; subscriptions: SubscriptionRow[]; starts: StartRow[]; active_starts: string[] }[] = await ctx.tx.query(
    `SELECT
       ($3::text IS NOT NULL AND EXISTS (SELECT 1 FROM message WHERE name = $1 AND correlation_key = $2 AND message_id = $3 AND expires_at > $4)) AS duplicate,
       (SELECT coalesce(json_agg(json_build_object('key', s.key::text, 'process_instance_key', s.process_instance_key::text, 'element_instance_key', s.element_instance_key::text,
          'element_id', s.element_id, 'bpmn_process_id', s.bpmn_process_id) ORDER BY s.key), '[]')
        FROM message_subscription s WHERE s.message_name = $1 AND s.correlation_key = $2) AS subscriptions,
       (SELECT coalesce(json_agg(json_build_object('definition_key', m.process_definition_key::text, 'bpmn_process_id', m.bpmn_process_id, 'element_id', m.element_id)
          ORDER BY m.bpmn_process_id), '[]')
        FROM message_start_subscription m WHERE m.message_name = $1) AS starts,
       (SELECT coalesce(json_agg(DISTINCT p.bpmn_process_id), '[]') FROM process_instance p
        WHERE $2 <> '' AND p.correlation_tag = $2 AND p.state = 'ACTIVE' AND p.bpmn_process_id IN (SELECT bpmn_process_id FROM message_start_subscription WHERE message_name = $1)) AS active_starts`,
    [name, correlationKey, command.messageId ?? null, ctx.now]);
  if (lookup.duplicate) throw new EngineError('MESSAGE_ALREADY_EXISTS', `message ${name} with id ${command.messageId} is already buffered for key '${correlationKey}'`);
  const { subscriptions, starts } = lookup;
  const messageKey = await core.keys.next(ctx.tx);
  const correlated = new Set<string>();
  const instanceKeys: string[] = [];

  let candidates = subscriptions;
  for (let round = 0; round < 5 && candidates.length > 0; round++) {
    let vanished = false;
    for (const sub of candidates) {
      if (correlated.has(sub.bpmn_process_id)) continue;
      // The subscription may have gone while this command waited for the instance lock.
      const { state, subscribed } = await core.lockInstanceForSubscription(ctx, sub.process_instance_key, sub.key);
      if (!subscribed) {
        vanished = true;
        continue;
      }
      await core.step(ctx, state, (i) => {
        i.record('MESSAGE_CORRELATED', { elementId: sub.element_id, variables, detail: { messageKey, messageName: name, correlationKey } });
        i.trigger(sub.element_id, sub.element_instance_key, variables);
      });
      correlated.add(sub.bpmn_process_id);
      instanceKeys.push(state.key);
    }
    if (!vanished) break;
    // The command that closed it may have opened another one (the next wait state): look again, now that it committed.
    const seen = new Set(candidates.map((c) => c.key));
    candidates = ((await ctx.tx.query(
      `SELECT key::text, process_instance_key::text, element_instance_key::text, element_id, bpmn_process_id
       FROM message_subscription WHERE message_name = $1 AND correlation_key = $2 ORDER BY message_subscription.key`,
      [name, correlationKey],
    )) as SubscriptionRow[]).filter((c) => !seen.has(c.key) && !correlated.has(c.bpmn_process_id));
  }

  for (const start of starts) {
    if (correlated.has(start.bpmn_process_id)) continue;
    // Zeebe: while an instance started with this key is active, the key starts nothing more.
    // The answer read up front holds as long as no step ran in between (a step may have completed a tagged instance).
    if (correlationKey !== '' && instanceKeys.length === 0) {
      if (lookup.active_starts.includes(start.bpmn_process_id)) continue;
    } else if (correlationKey !== '') {
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
