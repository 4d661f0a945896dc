import { z } from 'zod';

/** RFC 9457 problem details with Werkbank's stable machine-readable `code`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string().optional(), elementId: z.string().optional(), resource: z.string().optional(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
