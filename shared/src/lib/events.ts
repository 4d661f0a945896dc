import { z } from 'zod';

/** CloudEvents 1.0 JSON envelope (structured mode). */
export const cloudEventSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string().min(1).max(200),
    source: z.string().min(1).max(500),
    type: z.string().min(1).max(200),
    time: z.string().datetime({ offset: true }).optional(),
    datacontenttype: z.string().max(200).optional(),
    subject: z.string().max(500).optional(),
    dataschema: z.string().max(500).optional(),
    data: z.unknown().optional(),
  })
  .passthrough();
export type CloudEvent = z.infer<typeof cloudEventSchema>;

export const eventStatusSchema = z.enum(['RECEIVED', 'ROUTED', 'UNMATCHED', 'FAILED']);
export type EventStatus = z.infer<typeof eventStatusSchema>;

export const ingestResultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** Of the duplicates, how many ids arrived with a different type, source or data than the stored event (which is kept). */
  conflicts: z.number().int().default(0),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const storedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  source: z.string(),
  time: z.string().nullable(),
  status: eventStatusSchema,
  receivedAt: z.string(),
  detail: z.string().nullable(),
  data: z.unknown(),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;
