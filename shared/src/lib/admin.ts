import { z } from 'zod';

/** ISO 8601 duration such as `P16D` or `PT2H30M` (no years/months: their length is ambiguous). */
export const isoDurationSchema = z
  .string()
  .max(40)
  .regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'an ISO 8601 duration like P16D or PT2H');

export const advanceClockRequestSchema = z.object({ duration: isoDurationSchema }).strict();
export type AdvanceClockRequest = z.infer<typeof advanceClockRequestSchema>;

export const clockSchema = z.object({ now: z.string(), timersFired: z.number().int().optional() });
export type ClockState = z.infer<typeof clockSchema>;
