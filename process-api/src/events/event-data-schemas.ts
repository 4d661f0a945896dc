import { z } from 'zod';
import { checkEnterpriseNumber } from '../domain/employer/enterprise-number';
import { parseAmountToCents } from '../domain/amount/amount';

const enterpriseNumber = z.string().superRefine((value, ctx) => {
  const result = checkEnterpriseNumber(value);
  if (!result.valid) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a valid enterprise number: ${result.reason}` });
});

const amount = z.union([z.string(), z.number()]).superRefine((value, ctx) => {
  try {
    parseAmountToCents(value);
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
  }
});

const id = z.string().min(1).max(200);
const date = z.string().date();
const dateOrDateTime = z.union([z.string().date(), z.string().datetime({ offset: true })]);

/** Data schemas of the event types Werkbank knows (DOMAIN.md); unknown types are stored without a data check. */
export const EVENT_DATA_SCHEMAS: Record<string, z.ZodTypeAny> = {
  'debt.detected': z
    .object({ enterpriseNumber, debtId: id, quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'expected a quarter like 2026-Q3'), amount, dueDate: date, employerName: z.string().max(300).optional() })
    .passthrough(),
  'payment.received': z.object({ enterpriseNumber, paymentId: id, amount, bookedAt: dateOrDateTime, reference: z.string().max(200).optional() }).passthrough(),
  'fraud.signal': z.object({ enterpriseNumber, signalId: id, score: z.number().min(0).max(1), indicators: z.array(z.string().min(1).max(100)).max(100) }).passthrough(),
  'deferral.requested': z
    .object({ enterpriseNumber, requestId: id, amount, instalments: z.number().int().min(1).max(120), reason: z.string().max(4000) })
    .passthrough(),
  'deferral.information-received': z
    .object({ enterpriseNumber, requestId: id, information: z.string().min(1).max(4000), documentIds: z.array(id).max(50).optional() })
    .passthrough(),
  'employer.insolvent': z.object({ enterpriseNumber, date }).passthrough(),
  'contact.updated': z
    .object({
      enterpriseNumber,
      contacts: z.array(z.object({ kind: z.enum(['phone', 'email', 'person', 'address']), value: z.string().min(1).max(500), label: z.string().max(200).nullable().optional() })).max(50),
    })
    .passthrough(),
};

export type KnownEventType = keyof typeof EVENT_DATA_SCHEMAS;
