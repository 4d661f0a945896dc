import { readFileSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

export const routingRuleSchema = z
  .object({
    eventType: z.string().min(1).max(200),
    action: z.enum(['publish-message']),
    messageName: z.string().min(1).max(200),
    correlationKey: z.string().min(1).max(2000),
    variables: z.string().max(8000).optional(),
    /** ISO 8601 duration, e.g. PT0S (correlate now or never) or P10D. */
    timeToLive: z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'an ISO 8601 duration such as PT0S').optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type RoutingRule = z.infer<typeof routingRuleSchema>;

const rulesFileSchema = z.union([z.array(routingRuleSchema), z.object({ rules: z.array(routingRuleSchema) }).transform((f) => f.rules)]);

/**
 * Makes the routing_rule table equal to the rules file (bpmn-models/event-routes.json): routing is data that
 * ships with the models, so a rule removed from the file stops routing.
 */
export async function loadRoutingRules(dataSource: DataSource, file: string): Promise<RoutingRule[]> {
  const rules = rulesFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  await dataSource.transaction(async (tx) => {
    await tx.query(`DELETE FROM routing_rule`);
    await tx.query(
      `INSERT INTO routing_rule (event_type, action, message_name, correlation_key, variables, time_to_live, enabled)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
      [
        rules.map((r) => r.eventType),
        rules.map((r) => r.action),
        rules.map((r) => r.messageName),
        rules.map((r) => r.correlationKey),
        rules.map((r) => r.variables ?? null),
        rules.map((r) => r.timeToLive ?? null),
        rules.map((r) => r.enabled),
      ],
    );
  });
  return rules;
}

export async function enabledRulesFor(tx: EntityManager, eventType: string): Promise<RoutingRule[]> {
  const rows: { event_type: string; action: 'publish-message'; message_name: string; correlation_key: string; variables: string | null; time_to_live: string | null }[] = await tx.query(
    `SELECT event_type, action, message_name, correlation_key, variables, time_to_live FROM routing_rule WHERE event_type = $1 AND enabled ORDER BY message_name`,
    [eventType],
  );
  return rows.map((r) => ({
    eventType: r.event_type,
    action: r.action,
    messageName: r.message_name,
    correlationKey: r.correlation_key,
    variables: r.variables ?? undefined,
    timeToLive: r.time_to_live ?? undefined,
    enabled: true,
  }));
}
