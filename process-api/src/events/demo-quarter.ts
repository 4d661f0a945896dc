import type { CloudEvent } from '@werkbank/shared';
import { centsToDecimal } from '../domain/amount/amount';
import { DEMO_EMPLOYER_SEED, generateDemoEmployers, type DemoEmployer } from '../domain/employer/demo-employers';
import { SeededRandom } from '../domain/employer/seeded-random';

export interface DemoQuarterOptions {
  /** Must match the seeded employer count so that every event names a demo employer. */
  employerCount?: number;
  employerSeed?: number;
  seed?: number;
  /** e.g. 2026-Q3 */
  quarter?: string;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Contributions of a quarter fall due on the last day of the month after it (e.g. 2026-Q3 -> 2026-10-31). */
export function quarterDueDate(quarter: string): Date {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`Not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const monthAfter = Number(match[2]) * 3 + 1; // 1-based month following the quarter
  return new Date(Date.UTC(year, monthAfter, 0));
}

/**
 * A realistic quarter of back-end events for the demo employers, reproducible from a seed: debts for ~5% of the
 * employers, payments for most of them (full, partial, late) and for some employers without a debt, a few fraud
 * signals and contact updates, and ~1% events delivered twice (same id), sorted by time as the systems send them.
 */
export function generateDemoQuarter(options: DemoQuarterOptions = {}): CloudEvent[] {
  const quarter = options.quarter ?? '2026-Q3';
  const employers = generateDemoEmployers(options.employerCount ?? 2000, options.employerSeed ?? DEMO_EMPLOYER_SEED);
  const random = new SeededRandom(options.seed ?? 42);
  const due = quarterDueDate(quarter);
  const detectedAt = addDays(due, 5);
  const tag = quarter.replace('-', '');
  const events: CloudEvent[] = [];
  let n = 0;
  const add = (type: string, source: string, time: Date, data: Record<string, unknown>) => {
    n++;
    events.push({ specversion: '1.0', id: `demo-${tag}-${type}-${String(n).padStart(5, '0')}`, source, type, time: time.toISOString(), datacontenttype: 'application/json', data });
  };
  const at = (day: Date, hourFrom = 7, hourTo = 18) => new Date(day.getTime() + random.int(hourFrom * 60, hourTo * 60) * 60_000);
  // Amounts travel sometimes as decimal strings, sometimes as JSON numbers, as real systems do.
  const amount = (cents: number) => (random.chance(0.7) ? centsToDecimal(cents) : cents / 100);

  const debtors: { employer: DemoEmployer; cents: number; debtId: string }[] = [];
  for (const employer of employers) {
    if (!random.chance(0.05)) continue;
    const cents = random.int(250_00, 25_000_00) + (random.chance(0.2) ? 0 : random.int(0, 99));
    const debtId = `DEBT-${tag}-${employer.enterpriseNumber}`;
    debtors.push({ employer, cents, debtId });
    add('debt.detected', '/rsz/employer-accounts', at(detectedAt, 1, 5), {
      enterpriseNumber: employer.enterpriseNumber,
      debtId,
      quarter,
      amount: amount(cents),
      dueDate: isoDay(due),
    });
  }
  for (const { employer, cents, debtId } of debtors) {
    const roll = random.next();
    if (roll < 0.3) continue; // still unpaid: the recovery desk will call
    const paidCents = roll < 0.7 ? cents : Math.round((cents * random.int(20, 80)) / 100);
    const bookedAt = at(addDays(detectedAt, random.int(1, 20)));
    add('payment.received', '/rsz/payments', bookedAt, {
      enterpriseNumber: employer.enterpriseNumber,
      paymentId: `PAY-${tag}-${String(n).padStart(6, '0')}`,
      amount: amount(paidCents),
      bookedAt: bookedAt.toISOString(),
      reference: debtId,
    });
  }
  const debtorNumbers = new Set(debtors.map((d) => d.employer.enterpriseNumber));
  for (const employer of employers) {
    if (debtorNumbers.has(employer.enterpriseNumber) || !random.chance(0.03)) continue;
    // an on-time payment, booked before the due date, for an employer without a debt
    const bookedAt = at(addDays(due, -random.int(1, 25)));
    add('payment.received', '/rsz/payments', bookedAt, {
      enterpriseNumber: employer.enterpriseNumber,
      paymentId: `PAY-${tag}-${String(n).padStart(6, '0')}`,
      amount: amount(random.int(500_00, 60_000_00)),
      bookedAt: bookedAt.toISOString(),
    });
  }
  for (let i = 0; i < 5; i++) {
    const employer = random.pick(employers);
    add('fraud.signal', '/rsz/fraud-detection', at(addDays(due, random.int(-20, 20))), {
      enterpriseNumber: employer.enterpriseNumber,
      signalId: `SIG-${tag}-${i + 1}`,
      score: random.int(55, 99) / 100,
      indicators: random.chance(0.5) ? ['LIMOSA_MISSING', 'WAGE_BELOW_MINIMUM'] : ['DIMONA_LATE'],
    });
  }
  for (let i = 0; i < 5; i++) {
    const employer = random.pick(employers);
    const person = employer.contacts.find((c) => c.kind === 'person');
    add('contact.updated', '/rsz/contact-registry', at(addDays(due, random.int(-20, 20))), {
      enterpriseNumber: employer.enterpriseNumber,
      contacts: [
        { kind: 'phone', value: `+32 4${random.int(70, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`, label: 'GSM' },
        { kind: 'email', value: `sociaal-secretariaat${i + 1}@example.be`, label: 'Sociaal secretariaat' },
        ...(person ? [{ kind: 'person', value: person.value, label: person.label }] : []),
      ],
    });
  }
  const duplicates = events.filter(() => random.chance(0.01));
  return [...events, ...duplicates.map((e) => ({ ...e }))].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? '') || a.id.localeCompare(b.id));
}
