import type { TimelineEntry } from '@werkbank/shared';
import { TestBed } from '@angular/core/testing';
import { TranslationService } from '../core/i18n/translation-service';
import { timelineTitle } from './timeline-title';

describe('timelineTitle', () => {
  let i18n: TranslationService;

  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(TranslationService);
    i18n.setLanguage('en');
  });

  function entry(kind: string, detail: Record<string, unknown> | undefined, title = 'API title'): TimelineEntry {
    return { at: '2026-12-03T10:00:00Z', kind, actor: null, title, detail };
  }

  it('should name a user-task step by its element id in every language', () => {
    const created = entry('TASK_CREATED', { elementId: 'Activity_ContactEmployer', taskId: '1' });
    expect(timelineTitle(created, i18n)).toBe('Task “Contact employer” created');
    i18n.setLanguage('nl');
    expect(timelineTitle(created, i18n)).toBe('Taak “Werkgever contacteren” aangemaakt');
    i18n.setLanguage('fr');
    expect(timelineTitle(created, i18n)).toBe('Tâche « Contacter l’employeur » créée');
  });

  it('should show the display name of the new assignee', () => {
    // given
    const assigned = entry('TASK_ASSIGNED', { elementId: 'Activity_ContactEmployer', assignee: 'agent2' });
    const names: Record<string, string> = { agent2: 'Thomas Janssens' };
    // when
    const title = timelineTitle(assigned, i18n, (username) => names[username] ?? username);
    // then
    expect(title).toBe('Task “Contact employer” assigned to Thomas Janssens');
  });

  it('should say a task went back to the queue', () => {
    i18n.setLanguage('nl');
    expect(timelineTitle(entry('TASK_UNASSIGNED', { elementId: 'Activity_ReviewDispute', assignee: null }), i18n)).toBe(
      'Taak “Betwisting beoordelen” teruggezet in de teamwachtrij',
    );
  });

  it('should translate service tasks, timers and messages of the recovery model', () => {
    i18n.setLanguage('fr');
    expect(timelineTitle(entry('JOB_COMPLETED', { elementId: 'Activity_SendReminder' }), i18n)).toBe('Envoyer un rappel dans l’e-Box : effectué');
    expect(timelineTitle(entry('TIMER_FIRED', { elementId: 'Event_ReminderExpired' }), i18n)).toBe('Délai de paiement dépassé');
    expect(timelineTitle(entry('MESSAGE_CORRELATED', { elementId: 'Event_PaidDuringContact', messageName: 'payment.received' }), i18n)).toBe('Paiement reçu');
  });

  it('should name the process of an opened case and need no step for closing', () => {
    i18n.setLanguage('nl');
    expect(timelineTitle(entry('CASE_OPENED', { bpmnProcessId: 'recovery' }), i18n)).toBe('Dossier geopend: Minnelijke invordering');
    expect(timelineTitle(entry('CASE_CLOSED', undefined), i18n)).toBe('Dossier afgesloten');
  });

  it('should fall back to the task name sent by the API for a step we do not translate', () => {
    expect(timelineTitle(entry('TASK_COMPLETED', { elementId: 'Activity_Unknown', taskName: 'Call the accountant' }), i18n)).toBe(
      'Task “Call the accountant” completed',
    );
  });

  it('should fall back to the API title for unknown kinds and steps it cannot name', () => {
    expect(timelineTitle(entry('SUBPROCESS_STARTED', { processInstanceKey: '9' }, 'Sub-process x started'), i18n)).toBe('Sub-process x started');
    expect(timelineTitle(entry('TIMER_FIRED', { elementId: 'Event_Other' }, 'Deadline reached: 3 days'), i18n)).toBe('Deadline reached: 3 days');
    expect(timelineTitle(entry('CASE_OPENED', { bpmnProcessId: 'other' }, 'Case opened (other)'), i18n)).toBe('Case opened (other)');
  });
});
