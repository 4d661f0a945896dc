import type { TimelineEntry } from '@werkbank/shared';
import { TestBed } from '@angular/core/testing';
import type { Language, ProcessDescription } from '@werkbank/shared';
import { TranslationService } from '../core/i18n/translation-service';
import { processNames } from '../core/processes/process-names';
import { timelineTitle } from './timeline-title';

/** Names as GET /api/processes gives them, from the models. */
const name = (en: string, nl: string, fr: string) => ({ en, nl, fr });
const RECOVERY: ProcessDescription = {
  key: '1',
  bpmnProcessId: 'recovery',
  version: 1,
  name: name('Amicable recovery', 'Minnelijke invordering', 'Recouvrement amiable'),
  figures: [],
  steps: [
    { elementId: 'Activity_ContactEmployer', kind: 'userTask', name: name('Contact employer', 'Werkgever contacteren', 'Contacter l’employeur') },
    { elementId: 'Activity_ReviewDispute', kind: 'userTask', name: name('Review dispute', 'Betwisting beoordelen', 'Examiner la contestation') },
    { elementId: 'Activity_SendReminder', kind: 'serviceTask', name: name('Send reminder to e-Box', 'Herinnering naar e-Box sturen', 'Envoyer un rappel dans l’e-Box') },
    { elementId: 'Activity_WaitForPayment', kind: 'receiveTask', name: name('Wait for payment', 'Wachten op betaling', 'Attendre le paiement') },
    { elementId: 'Event_ReminderExpired', kind: 'boundaryEvent', name: name('15 days', 'Betalingstermijn verstreken', 'Délai de paiement dépassé') },
    { elementId: 'Event_PaidDuringContact', kind: 'boundaryEvent', name: name('Payment received', 'Betaling ontvangen', 'Paiement reçu') },
  ],
};
const DEFERRAL: ProcessDescription = {
  key: '2',
  bpmnProcessId: 'payment-deferral',
  version: 1,
  name: name('Payment deferral', 'Uitstel van betaling', 'Plan de paiement'),
  figures: [],
  steps: [{ elementId: 'Activity_AssessRequest', kind: 'userTask', name: name('Assess deferral request', 'Aanvraag tot uitstel beoordelen', 'Évaluer la demande de plan de paiement') }],
};

describe('timelineTitle', () => {
  let i18n: TranslationService;

  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(TranslationService);
    i18n.setLanguage('en');
  });

  /** The title as the case panel builds it: names of the current language, case of process recovery. */
  function title(e: TimelineEntry, nameOf?: (username: string) => string): string {
    return timelineTitle(e, i18n, processNames([RECOVERY, DEFERRAL], i18n.language() as Language), 'recovery', nameOf);
  }

  function entry(kind: string, detail: Record<string, unknown> | undefined, title = 'API title'): TimelineEntry {
    return { at: '2026-12-03T10:00:00Z', kind, actor: null, title, detail };
  }

  it('should name a user-task step by its element id in every language', () => {
    const created = entry('TASK_CREATED', { elementId: 'Activity_ContactEmployer', taskId: '1' });
    expect(title(created)).toBe('Task “Contact employer” created');
    i18n.setLanguage('nl');
    expect(title(created)).toBe('Taak “Werkgever contacteren” aangemaakt');
    i18n.setLanguage('fr');
    expect(title(created)).toBe('Tâche « Contacter l’employeur » créée');
  });

  it('should show the display name of the new assignee', () => {
    // given
    const assigned = entry('TASK_ASSIGNED', { elementId: 'Activity_ContactEmployer', assignee: 'agent2' });
    const names: Record<string, string> = { agent2: 'Thomas Janssens' };
    // when
    const shown = title(assigned, (username) => names[username] ?? username);
    // then
    expect(shown).toBe('Task “Contact employer” assigned to Thomas Janssens');
  });

  it('should say a task went back to the queue', () => {
    i18n.setLanguage('nl');
    expect(title(entry('TASK_UNASSIGNED', { elementId: 'Activity_ReviewDispute', assignee: null }))).toBe(
      'Taak “Betwisting beoordelen” teruggezet in de teamwachtrij',
    );
  });

  it('should name service tasks, timers and messages as the model does', () => {
    i18n.setLanguage('fr');
    expect(title(entry('JOB_COMPLETED', { elementId: 'Activity_SendReminder' }))).toBe('Envoyer un rappel dans l’e-Box : effectué');
    expect(title(entry('TIMER_FIRED', { elementId: 'Event_ReminderExpired' }))).toBe('Délai de paiement dépassé');
    expect(title(entry('MESSAGE_CORRELATED', { elementId: 'Event_PaidDuringContact', messageName: 'payment.received' }))).toBe('Paiement reçu');
    // a receive task is a step that waited: the message template names it
    expect(title(entry('MESSAGE_CORRELATED', { elementId: 'Activity_WaitForPayment', messageName: 'payment.received' }))).toContain('Attendre le paiement');
  });

  it('should name the steps of a process the case called', () => {
    i18n.setLanguage('nl');
    expect(title(entry('TASK_CREATED', { elementId: 'Activity_AssessRequest' }))).toBe('Taak “Aanvraag tot uitstel beoordelen” aangemaakt');
  });

  it('should name the process of an opened case and need no step for closing', () => {
    i18n.setLanguage('nl');
    expect(title(entry('CASE_OPENED', { bpmnProcessId: 'recovery' }))).toBe('Dossier geopend: Minnelijke invordering');
    expect(title(entry('CASE_CLOSED', undefined))).toBe('Dossier afgesloten');
  });

  it('should fall back to the task name sent by the API for a step we do not translate', () => {
    expect(title(entry('TASK_COMPLETED', { elementId: 'Activity_Unknown', taskName: 'Call the accountant' }))).toBe(
      'Task “Call the accountant” completed',
    );
  });

  it('should fall back to the API title for unknown kinds and steps it cannot name', () => {
    expect(title(entry('SUBPROCESS_STARTED', { processInstanceKey: '9' }, 'Sub-process x started'))).toBe('Sub-process x started');
    expect(title(entry('TIMER_FIRED', { elementId: 'Event_Other' }, 'Deadline reached: 3 days'))).toBe('Deadline reached: 3 days');
    expect(title(entry('CASE_OPENED', { bpmnProcessId: 'other' }, 'Case opened (other)'))).toBe('Case opened (other)');
  });
});
