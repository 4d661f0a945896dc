/*
 * What the payment-deferral contracts share: element ids, letters, form values and the steps most scenarios start from.
 */
import { DeferralCase } from './deferral-case';
import type { ScenarioWorld } from './scenario-world';

export const ASSESS = 'Activity_AssessRequest';
export const AGREEMENT = 'Activity_ApproveAgreement';
export const FOLLOW_UP = 'Activity_FollowUpMissed';
export const APPROVED = 'deferral-approved';
export const REJECTED = 'deferral-rejected';
export const INFO = 'deferral-information-request';
export const CANCELLED = 'deferral-cancelled';
export const PAID_ENDS = ['EndEvent_InstalmentPaid', 'EndEvent_InstalmentPaid', 'EndEvent_InstalmentPaid', 'EndEvent_Paid'];

export const approve = (instalments: number, administrativeAgreement = false) => ({ assessmentDecision: 'approve', approvedInstalments: instalments, administrativeAgreement });

/** 8 000,00 EUR in 8 instalments: too big to approve automatically, an agent assesses it. */
export async function atAssessment(world: ScenarioWorld): Promise<DeferralCase> {
  const c = new DeferralCase(world);
  await c.request(800_000, 8);
  expect(await c.openTasks()).toEqual([ASSESS]);
  return c;
}

/** 1 200,00 EUR in 3 monthly instalments of 400,00, approved automatically. */
export async function autoApproved(world: ScenarioWorld, options: { fromRecovery?: boolean } = {}): Promise<DeferralCase> {
  const c = new DeferralCase(world);
  await c.request(120_000, 3, options);
  expect(c.letters()).toEqual([APPROVED]);
  return c;
}

/** The first instalment of an auto-approved plan was not paid: its due date passed and the agent has to follow up. */
export async function atMissedInstalment(world: ScenarioWorld, options: { fromRecovery?: boolean } = {}): Promise<DeferralCase> {
  const c = await autoApproved(world, options);
  await world.engine.advanceClock('P32D');
  expect(await c.openTasks()).toEqual([FOLLOW_UP]);
  return c;
}
