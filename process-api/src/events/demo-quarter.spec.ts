import { cloudEventSchema } from '@werkbank/shared';
import { generateDemoEmployers } from '../domain/employer/demo-employers';
import { EVENT_DATA_SCHEMAS } from './event-data-schemas';
import { generateDemoQuarter, quarterDueDate } from './demo-quarter';
import { validateEvents } from './ingest-events';

describe('generateDemoQuarter', () => {
  const events = generateDemoQuarter();
  const byType = (type: string) => events.filter((e) => e.type === type);
  const data = (e: { data?: unknown }) => e.data as Record<string, string>;

  it('should be reproducible and pass the intake validation', () => {
    expect(generateDemoQuarter()).toEqual(events);
    for (const e of events) {
      expect(cloudEventSchema.safeParse(e).success).toBe(true);
      expect(EVENT_DATA_SCHEMAS[e.type].safeParse(e.data).success).toBe(true);
    }
    expect(() => validateEvents(events.slice(0, 1000), true)).not.toThrow();
  });

  it('should name only demo employers and detect debts for about 5% of them', () => {
    const numbers = new Set(generateDemoEmployers(2000).map((e) => e.enterpriseNumber));
    expect(events.every((e) => numbers.has(data(e).enterpriseNumber))).toBe(true);
    const debts = new Set(byType('debt.detected').map((e) => e.id)).size;
    expect(debts).toBeGreaterThan(60);
    expect(debts).toBeLessThan(140);
    expect(byType('debt.detected').every((e) => data(e).quarter === '2026-Q3' && data(e).dueDate === '2026-10-31')).toBe(true);
  });

  it('should pay most debts, some partly, late, and include payments without a debt', () => {
    const debts = new Map(byType('debt.detected').map((e) => [data(e).debtId, e]));
    const payments = byType('payment.received');
    const forDebts = payments.filter((p) => data(p).reference);
    expect(new Set(forDebts.map((p) => data(p).reference)).size / debts.size).toBeGreaterThan(0.55);
    expect(forDebts.every((p) => data(p).bookedAt > '2026-10-31')).toBe(true);
    const partial = forDebts.filter((p) => Number(data(p).amount) < Number(data(debts.get(data(p).reference) as { data?: unknown }).amount));
    expect(partial.length).toBeGreaterThan(5);
    expect(payments.filter((p) => !data(p).reference).length).toBeGreaterThan(20);
    expect(byType('fraud.signal')).toHaveLength(5);
    expect(byType('contact.updated')).toHaveLength(5);
  });

  it('should repeat about 1% of the events with the same id and keep them in time order', () => {
    const duplicates = events.length - new Set(events.map((e) => e.id)).size;
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates).toBeLessThan(events.length * 0.03);
    expect(events.map((e) => e.time)).toEqual([...events.map((e) => e.time)].sort());
  });

  it('should put the due date on the last day of the month after the quarter', () => {
    expect(quarterDueDate('2026-Q4').toISOString().slice(0, 10)).toBe('2027-01-31');
    expect(quarterDueDate('2026-Q1').toISOString().slice(0, 10)).toBe('2026-04-30');
  });
});
