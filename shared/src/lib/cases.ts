import { z } from 'zod';
import { amountSchema, taskItemSchema } from './tasks';

export const contactSchema = z.object({
  kind: z.enum(['phone', 'email', 'person', 'address']),
  value: z.string(),
  label: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const employerSummarySchema = z.object({
  enterpriseNumber: z.string(),
  /** Display form 0xxx.xxx.xxx */
  formattedNumber: z.string(),
  name: z.string(),
  legalForm: z.object({ code: z.string(), label: z.string() }).nullable(),
  nace: z.object({ code: z.string(), label: z.string() }).nullable(),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }).nullable(),
  contacts: z.array(contactSchema),
});
export type EmployerSummary = z.infer<typeof employerSummarySchema>;

export const caseStatusSchema = z.enum(['OPEN', 'CLOSED', 'CANCELED']);

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  actor: z.string().nullable(),
  title: z.string(),
  detail: z.record(z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const caseDetailSchema = z.object({
  id: z.string(),
  status: caseStatusSchema,
  process: z.object({ bpmnProcessId: z.string(), name: z.string().nullable(), version: z.number().int() }),
  employer: employerSummarySchema.nullable(),
  amountDue: amountSchema.nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  currentTasks: z.array(taskItemSchema),
  timeline: z.array(timelineEntrySchema),
  documents: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), createdAt: z.string() })),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
