/*
 * What the recovery contracts share: element ids, form values the deployed forms accept, and the step that most
 * scenarios start from. Each recovery contract file covers one area of recovery.bpmn in a world of its own.
 */
import { RecoveryCase } from './recovery-case';
import type { ScenarioWorld } from './scenario-world';

export const REMINDER = 'ebox.send-letter/recovery-reminder';
export const NOTICE = 'ebox.send-letter/forced-recovery-notice';
export const CONTACT = 'Activity_ContactEmployer';
export const REVIEW = 'Activity_ReviewDispute';
export const PREPARE = 'Activity_PrepareTransfer';
export const APPROVE = 'Activity_ApproveTransfer';
export const CLAIM = 'Activity_ClaimInsolvency';
export const ESCALATE_CONTACT = 'recovery.notify-escalation/Activity_ContactEmployer';

export const unreachable = { contactOutcome: 'unreachable', contactChannel: 'phone', notes: 'No answer on three calls.' };
export const planRequest = { contactOutcome: 'instalment-plan', contactChannel: 'phone', requestedInstalments: 6, deferralReason: 'Seasonal activity: revenue comes in spring.' };
export const claim = { claimFiledDate: '2026-12-01', curatorName: 'Mr. J. Janssens', claimedAmountCents: 125_000, claimReference: 'RK-2026-0042', claimNotes: '' };

/** An agent prepares the forced-recovery transfer (the server stamps `preparedBy`). */
export const prepare = (c: RecoveryCase): Promise<void> => c.complete(PREPARE, { transferReason: 'unreachable', transferNotes: 'Employer cannot be reached.' }, 'agent1');

/** A debt of 1 250,00 EUR whose 15-day reminder expired: "Contact employer" is open. */
export async function atContact(world: ScenarioWorld): Promise<RecoveryCase> {
  const c = new RecoveryCase(world);
  await c.detectDebt(125_000);
  await world.engine.advanceClock('P15D');
  expect(await c.openTasks()).toEqual([CONTACT]);
  return c;
}
