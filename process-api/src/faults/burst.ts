import type { CloudEvent } from '@werkbank/shared';

/** A valid enterprise number (mod-97 check digits) for employer `i` of a burst, far from the demo employers' range. */
export function burstEnterpriseNumber(i: number): string {
  const base = 2_000_000 + i * 13;
  const check = 97 - (base % 97);
  return `${String(base).padStart(8, '0')}${String(check).padStart(2, '0')}`;
}

export const DEBT_CENTS = 10_000;
export const PAYMENT_CENTS = 1_000;

/**
 * `employers` × (a debt of 100.00 EUR, then a partial payment of 10.00 EUR): each event has a visible, checkable effect
 * (one recovery case per employer; the amount due drops exactly once to 90.00), so a lost or doubled event shows.
 */
export function burstEvents(employers: number, tag: string): CloudEvent[] {
  const events: CloudEvent[] = [];
  for (let i = 0; i < employers; i++) {
    const enterpriseNumber = burstEnterpriseNumber(i);
    const time = new Date(Date.UTC(2026, 10, 5, 8, 0, i % 60)).toISOString();
    events.push({
      specversion: '1.0', id: `${tag}-debt-${i}`, source: 'urn:faults:accounts', type: 'debt.detected', time, datacontenttype: 'application/json',
      data: { enterpriseNumber, debtId: `${tag}-D-${i}`, quarter: '2026-Q3', amount: '100.00', dueDate: '2026-10-31' },
    });
    events.push({
      specversion: '1.0', id: `${tag}-payment-${i}`, source: 'urn:faults:payments', type: 'payment.received', time, datacontenttype: 'application/json',
      data: { enterpriseNumber, paymentId: `${tag}-P-${i}`, amount: '10.00', bookedAt: '2026-11-05' },
    });
  }
  return events;
}

export interface BatchAnswer {
  status: number;
  accepted: number;
  duplicates: number;
}

export async function postBatch(baseUrl: string, auth: Record<string, string>, events: CloudEvent[]): Promise<BatchAnswer> {
  const res = await fetch(`${baseUrl}/api/events`, {
    method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json', ...auth }, body: JSON.stringify(events),
  });
  const body = (await res.json().catch(() => ({}))) as { accepted?: number; duplicates?: number };
  return { status: res.status, accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0 };
}
