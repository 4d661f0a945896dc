import { z } from 'zod';

/** Euro amounts travel as decimal strings ("1234.56"): stored as numeric, never as binary floats. */
export const amountSchema = z.string().regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'an amount in euro with at most two decimals');

export const taskStateSchema = z.enum(['CREATED', 'COMPLETED', 'CANCELED']);
export type TaskState = z.infer<typeof taskStateSchema>;

export const taskViewSchema = z.enum(['mine', 'group', 'all']);
export type TaskView = z.infer<typeof taskViewSchema>;

export const taskSortFieldSchema = z.enum([
  'enterpriseNumber',
  'employerName',
  'amountDue',
  'dueDate',
  'process',
  'step',
  'state',
  'assignee',
  'createdAt',
]);
export type TaskSortField = z.infer<typeof taskSortFieldSchema>;

export const taskListQuerySchema = z
  .object({
    view: taskViewSchema.default('group'),
    state: taskStateSchema.optional(),
    process: z.string().max(200).optional(),
    /** BPMN element id, or several comma-separated (a step the model places twice, e.g. "Claim in insolvency"). */
    step: z.string().max(200).optional(),
    assignee: z.string().max(100).optional(),
    /** Enterprise number (any format) or part of the employer name. */
    employer: z.string().max(200).optional(),
    amountMin: amountSchema.optional(),
    amountMax: amountSchema.optional(),
    dueBefore: z.string().date().optional(),
    dueAfter: z.string().date().optional(),
    sort: taskSortFieldSchema.default('dueDate'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int().min(0).max(100000).default(0),
    size: z.coerce.number().int().min(1).max(200).default(25),
  })
  .strict();
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const employerRefSchema = z.object({
  enterpriseNumber: z.string(),
  name: z.string().nullable(),
});

export const taskItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** BPMN element id of the step. */
  step: z.string(),
  process: z.object({ bpmnProcessId: z.string(), name: z.string().nullable() }),
  state: taskStateSchema,
  assignee: z.string().nullable(),
  /** Display name of the assignee, for people rather than usernames; null when unassigned or unknown. */
  assigneeName: z.string().nullable(),
  candidateGroups: z.array(z.string()),
  caseId: z.string(),
  employer: employerRefSchema.nullable(),
  amountDue: amountSchema.nullable(),
  dueDate: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TaskItem = z.infer<typeof taskItemSchema>;

export const taskListSchema = z.object({
  items: z.array(taskItemSchema),
  /** Matching tasks, counted up to a bound (1,000): exact when `totalIsExact`, otherwise "at least this many". */
  total: z.number().int(),
  /** False when more tasks match than the server counts: show the total as "1,000+" and offer no "last page". */
  totalIsExact: z.boolean(),
});
export type TaskList = z.infer<typeof taskListSchema>;

export const taskDetailSchema = taskItemSchema.extend({
  form: z.object({ formId: z.string(), version: z.number().int(), schema: z.unknown() }).nullable(),
  /** Process variables visible to the task, used to prefill the form. */
  variables: z.record(z.unknown()),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const claimTaskRequestSchema = z.object({ version: z.number().int().min(0) }).strict();
export const unclaimTaskRequestSchema = claimTaskRequestSchema;
export const assignTaskRequestSchema = z.object({ version: z.number().int().min(0), assignee: z.string().min(1).max(100) }).strict();
export const completeTaskRequestSchema = z
  .object({ version: z.number().int().min(0), variables: z.record(z.unknown()) })
  .strict();
export type ClaimTaskRequest = z.infer<typeof claimTaskRequestSchema>;
export type AssignTaskRequest = z.infer<typeof assignTaskRequestSchema>;
export type CompleteTaskRequest = z.infer<typeof completeTaskRequestSchema>;
