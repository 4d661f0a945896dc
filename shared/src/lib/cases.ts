import { z } from 'zod';
import { caseFigureKindSchema, localizedNameSchema } from './processes';
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

/**
 * A variable of the case that its model declares worth showing beside every task (`caseFigure.<variable>`), with its
 * current value as the engine holds it (null when not set yet). The UI formats it by `kind`.
 */
export const caseFigureSchema = z.object({ variable: z.string(), kind: caseFigureKindSchema, name: localizedNameSchema, value: z.unknown() });
export type CaseFigure = z.infer<typeof caseFigureSchema>;

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
  /** Key figures declared by the case's model version; absent from servers older than this field. */
  figures: z.array(caseFigureSchema).optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
