/**
 * The instalment schedule of an approved plan: equal instalments in integer cents, the last one absorbing the
 * remainder, due monthly from the month after the start date (same day of month, or the month's last day).
 */
import { InvalidDeferralRequestError } from './eligibility';

export interface Instalment {
  number: number;
  /** ISO date (YYYY-MM-DD). */
  dueDate: string;
  amountCents: number;
  /** What must have been paid in total once this instalment is due: payments count toward the plan in order. */
  cumulativeCents: number;
}

export const MAX_INSTALMENTS = 36;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export function computeInstalmentSchedule(totalCents: number, instalments: number, startDate: string): Instalment[] {
  if (!Number.isSafeInteger(totalCents) || totalCents <= 0) throw new InvalidDeferralRequestError(`totalCents must be a positive integer, got ${totalCents}`);
  if (!Number.isSafeInteger(instalments) || instalments < 1 || instalments > MAX_INSTALMENTS) {
    throw new InvalidDeferralRequestError(`instalments must be 1..${MAX_INSTALMENTS}, got ${instalments}`);
  }
  if (instalments > totalCents) throw new InvalidDeferralRequestError(`cannot split ${totalCents} cents into ${instalments} instalments`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(Date.parse(`${startDate}T00:00:00Z`))) {
    throw new InvalidDeferralRequestError(`startDate must be an ISO date, got '${startDate}'`);
  }
  const base = Math.floor(totalCents / instalments);
  const schedule: Instalment[] = [];
  let cumulative = 0;
  for (let i = 1; i <= instalments; i++) {
    const amountCents = i === instalments ? totalCents - base * (instalments - 1) : base;
    cumulative += amountCents;
    schedule.push({ number: i, dueDate: addMonths(startDate, i), amountCents, cumulativeCents: cumulative });
  }
  return schedule;
}
