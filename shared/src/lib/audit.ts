import { z } from 'zod';

/** Stable action codes of the audit trail (only ever added to, never renamed). */
export const auditActionSchema = z.enum([
  'task.created',
  'task.claimed',
  'task.unclaimed',
  'task.assigned',
  'task.completed',
  'task.canceled',
  'case.opened',
  'case.closed',
  'case.canceled',
  'deployment.created',
  'login.succeeded',
  'login.failed',
  'logout',
  'access.denied',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

const keySchema = z.string().regex(/^\d{1,19}$/, 'a decimal key');

/** `GET /api/audit`: exactly one of `caseId` (per case) or `actor` (per user), paged by seq (`after`). */
export const auditQuerySchema = z
  .object({
    caseId: keySchema.optional(),
    actor: z.string().min(1).max(100).optional(),
    after: keySchema.optional(),
    size: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => (q.caseId === undefined) !== (q.actor === undefined), { message: 'give exactly one of caseId or actor', path: ['caseId'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
const auditJsonSchema: z.ZodType<AuditJson> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(auditJsonSchema), z.record(auditJsonSchema)]));

export const auditEntrySchema = z.object({
  seq: keySchema,
  at: z.string().datetime(),
  actor: z.string(),
  action: auditActionSchema,
  subjectType: z.enum(['task', 'case', 'deployment', 'user', 'route']),
  subjectId: z.string(),
  caseId: keySchema.nullable(),
  details: z.record(auditJsonSchema),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntryItem = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextAfter: keySchema.nullable() });
export type AuditPageResult = z.infer<typeof auditPageSchema>;

/** `GET /api/audit/verify`: the chain walked from the first entry; `firstBrokenSeq` names the first entry that does not match. */
export const auditVerificationSchema = z.object({ valid: z.boolean(), entries: z.number().int().min(0), firstBrokenSeq: keySchema.nullable() });
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
