import { registerLocaleData } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import localeNlBe from '@angular/common/locales/nl-BE';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, computed, input, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { of } from 'rxjs';
import { EngineClock } from '../core/clock/engine-clock';
import type { CurrentUser } from '@werkbank/shared';
import { AuthService } from '../core/auth/auth-service';
import { TranslationService } from '../core/i18n/translation-service';
import { caseDetail, processes, taskDetail } from './task-fixtures.spec-helper';
import { ListMemory } from './list-memory';
import { TaskDetail } from './task-detail';
import { FormSubmission, TaskForm } from './task-form';

/** Stands in for the form-js wrapper: form-js does not run in jsdom. */
@Component({ selector: 'wb-task-form', template: '', providers: [{ provide: TaskForm, useExisting: TaskFormStub }] })
class TaskFormStub {
  readonly schema = input<unknown>();
  readonly data = input<Record<string, unknown>>({});
  readonly readOnly = input(false);
  static next: FormSubmission | null = { data: { contactOutcome: 'promise' }, errors: {} };
  submit(): FormSubmission | null {
    return TaskFormStub.next;
  }
}

const AGENT: CurrentUser = { username: 'agent1', displayName: 'An Peeters', roles: ['agent'], groups: ['recovery-agents'], teams: ['recovery-north'], language: 'en' };
const LEAD: CurrentUser = { ...AGENT, username: 'lead1', displayName: 'Luc Dubois', roles: ['agent', 'team-lead'] };

describe('TaskDetail', () => {
  let fixture: ComponentFixture<TaskDetail>;
  let http: HttpTestingController;
  const open = jest.fn();
  const user = signal<CurrentUser | null>(AGENT);

  beforeAll(() => registerLocaleData(localeNlBe));

  beforeEach(() => {
    // jsdom does not lay out, so it has no scrolling.
    Element.prototype.scrollIntoView = jest.fn();
    open.mockReset();
    localStorage.clear();
    user.set(AGENT);
    TaskFormStub.next = { data: { contactOutcome: 'promise' }, errors: {} };
    TestBed.configureTestingModule({
      imports: [TaskDetail],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideNoopAnimations(),
        { provide: MatSnackBar, useValue: { open } },
        {
          provide: AuthService,
          useValue: {
            user,
            isTeamLead: computed(() => user()?.roles.includes('team-lead') ?? false),
            hasRole: (role: string) => user()?.roles.includes(role as never) ?? false,
          },
        },
        { provide: EngineClock, useValue: { now: () => of(new Date('2026-12-20T10:00:00Z')) } },
      ],
    }).overrideComponent(TaskDetail, { remove: { imports: [TaskForm] }, add: { imports: [TaskFormStub] } });
    TestBed.inject(TranslationService).setLanguage('en');
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }

  /** The names of the deployed processes, asked for once the page opens. */
  function flushProcesses(): void {
    http.expectOne('/api/processes').flush({ items: processes() });
  }

  async function render(task = taskDetail()): Promise<void> {
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', task.id);
    fixture.componentRef.setInput('from', 'group');
    await settle();
    flushProcesses();
    http.expectOne(`/api/tasks/${task.id}`).flush(task);
    await settle();
    http.expectOne('/api/cases/501').flush(caseDetail());
    await settle();
  }

  function button(label: string): HTMLButtonElement | undefined {
    return Array.from<HTMLButtonElement>(fixture.nativeElement.querySelectorAll('button')).find((b) => b.textContent?.includes(label));
  }

  it('should show the header, the form and the case panel with the employer', async () => {
    // when
    await render();
    // then
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toContain('Contact employer');
    expect(element.querySelector('wb-task-form')).not.toBeNull();
    expect(element.querySelector('wb-employer-summary')?.textContent).toContain('0403.170.701');
    expect(element.querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:+3291234567');
    expect(element.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:info@janssens.example');
    expect(element.textContent).toContain('10.711');
    expect(element.textContent).toContain('Debt detected');
    expect(button('Claim')).toBeDefined();
    expect(button('Complete')).toBeUndefined();
  });

  it("should give the focus to the task's title once it has loaded, as a keyboard user arrives from the list", async () => {
    // given the focus nowhere (the row that opened the task is gone)
    (document.activeElement as HTMLElement | null)?.blur();
    // when
    await render();
    // then
    expect(document.activeElement).toBe(fixture.nativeElement.querySelector('h1'));
    expect(document.activeElement?.textContent).toContain('Contact employer');
  });

  it('should read as assigned, not open, once someone holds the task', async () => {
    // given a Dutch UI and a task claimed by someone else
    TestBed.inject(TranslationService).setLanguage('nl');
    // when
    await render(taskDetail({ assignee: 'agent2' }));
    // then
    expect(fixture.nativeElement.querySelector('.wb-task-title wb-state-chip')?.textContent?.trim()).toBe('Toegewezen');
  });

  it('should claim with the version it saw and reload the task', async () => {
    // given
    await render();
    // when
    button('Claim')?.click();
    const claim = http.expectOne('/api/tasks/1001/claim');
    claim.flush({});
    await settle();
    // then
    expect(claim.request.body).toEqual({ version: 1 });
    expect(open).toHaveBeenCalledWith('Task claimed.', undefined, expect.anything());
    http.expectOne('/api/tasks/1001').flush(taskDetail({ assignee: 'agent1', version: 2 }));
    http.expectOne('/api/cases/501').flush(caseDetail());
    await settle();
    expect(button('Complete')).toBeDefined();
    expect(button('Release')).toBeDefined();
  });

  it('should show the server field errors when completion is refused with 400', async () => {
    // given
    await render(taskDetail({ assignee: 'agent1' }));
    // when
    button('Complete')?.click();
    const complete = http.expectOne('/api/tasks/1001/complete');
    complete.flush(
      { type: 'x', title: 'Invalid', status: 400, code: 'FORM_VALIDATION_FAILED', errors: [{ field: 'promisedDate', message: 'is required' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    // then
    expect(complete.request.body).toEqual({ version: 1, variables: { contactOutcome: 'promise' } });
    const errors: HTMLElement = fixture.nativeElement.querySelector('.wb-server-errors');
    expect(errors.textContent).toContain('promisedDate');
    expect(errors.textContent).toContain('is required');
  });

  it('should not send a form that form-js finds invalid', async () => {
    // given
    TaskFormStub.next = { data: {}, errors: { contactOutcome: ['Field is required.'] } };
    await render(taskDetail({ assignee: 'agent1' }));
    // when
    button('Complete')?.click();
    await settle();
    // then
    http.expectNone('/api/tasks/1001/complete');
    expect(fixture.nativeElement.textContent).toContain('Please correct the highlighted fields.');
  });

  it('should go back to the list, with its filters, and a confirmation after completion', async () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    TestBed.inject(ListMemory).remember('group', { amountMin: '100', page: '2' });
    await render(taskDetail({ assignee: 'agent1' }));
    // when
    button('Complete')?.click();
    http.expectOne('/api/tasks/1001/complete').flush({});
    await settle();
    // then
    expect(open).toHaveBeenCalledWith('Task “Contact employer” completed.', undefined, expect.anything());
    expect(navigate).toHaveBeenCalledWith(['/tasks/group'], { queryParams: { amountMin: '100', page: '2' } });
  });

  it('should let a team lead assign the task to a member of the candidate group', async () => {
    // given
    user.set(LEAD);
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', '1001');
    await settle();
    flushProcesses();
    http.expectOne('/api/tasks/1001').flush(taskDetail());
    await settle();
    http.expectOne('/api/cases/501').flush(caseDetail());
    // the group's display names, and the picker: only the members of the lead's own teams (the API refuses anyone
    // else, 403 ASSIGNEE_NOT_IN_TEAM)
    http.expectOne((request) => request.url === '/api/users' && !request.params.has('team')).flush([{ username: 'agent2', displayName: 'Bram Claes' }]);
    const members = http.expectOne((request) => request.url === '/api/users' && request.params.get('team') === 'mine');
    expect(members.request.params.get('group')).toBe('recovery-agents');
    members.flush([{ username: 'agent2', displayName: 'Bram Claes' }]);
    await settle();
    // when
    button('Assign to')?.click();
    await settle();
    (Array.from<HTMLButtonElement>(document.querySelectorAll('button[mat-menu-item]')).find((b) => b.textContent?.includes('Bram Claes')))?.click();
    const assign = http.expectOne('/api/tasks/1001/assign');
    assign.flush({});
    await settle();
    // then
    expect(assign.request.body).toEqual({ version: 1, assignee: 'agent2' });
    expect(open).toHaveBeenCalledWith('Task assigned to Bram Claes.', undefined, expect.anything());
    http.expectOne('/api/tasks/1001').flush(taskDetail({ assignee: 'agent2', version: 2 }));
    http.expectOne('/api/cases/501').flush(caseDetail());
  });

  it('should say who holds the task instead of inviting an agent to claim it', async () => {
    // when agent1 looks at a task held by agent2
    await render(taskDetail({ assignee: 'agent2' }));
    // then
    const text: string = fixture.nativeElement.textContent;
    expect(text).toContain('This task is assigned to agent2: only they can fill in the form.');
    expect(text).not.toContain('Claim the task to fill in the form.');
    expect(button('Claim')).toBeUndefined();
  });

  it('should show a team lead the display name of the holder and offer to assign', async () => {
    // given
    user.set(LEAD);
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', '1001');
    await settle();
    flushProcesses();
    http.expectOne('/api/tasks/1001').flush(taskDetail({ assignee: 'agent2' }));
    await settle();
    http.expectOne('/api/cases/501').flush(caseDetail());
    // when the group's names arrive (and whom the lead may assign)
    http.expectOne((request) => request.url === '/api/users' && !request.params.has('team')).flush([{ username: 'agent2', displayName: 'Bram Claes' }]);
    http.expectOne((request) => request.url === '/api/users' && request.params.get('team') === 'mine').flush([{ username: 'agent2', displayName: 'Bram Claes' }]);
    await settle();
    // then
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.wb-held')?.textContent).toContain('This task is assigned to Bram Claes. You can assign it to someone else.');
    expect(element.querySelector('.wb-held button')?.textContent).toContain('Assign to');
    expect(element.querySelector('.wb-task-facts dd[data-username="agent2"]')?.textContent).toContain('Bram Claes');
  });

  it('should invite to claim an unassigned task', async () => {
    await render(taskDetail({ assignee: null }));
    expect(fixture.nativeElement.textContent).toContain('Claim the task to fill in the form.');
  });

  it('should judge "overdue" by the engine clock', async () => {
    // when the engine (2026-12-20) is past the due date, whatever the browser's date
    await render(taskDetail({ dueDate: '2026-12-08' }));
    // then
    expect(fixture.nativeElement.querySelector('.wb-task-facts .wb-overdue')?.textContent).toContain('Overdue');
  });

  it('should bring a refused completion into view and give it focus', async () => {
    // given
    await render(taskDetail({ assignee: 'agent1' }));
    // when
    button('Complete')?.click();
    http
      .expectOne('/api/tasks/1001/complete')
      .flush(
        { type: 'x', title: 'Invalid', status: 400, code: 'FORM_VALIDATION_FAILED', errors: [{ field: 'promisedDate', message: 'is required' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    await fixture.whenStable();
    // then
    const banner: HTMLElement = fixture.nativeElement.querySelector('.wb-problem');
    expect(banner.getAttribute('aria-live')).toBe('assertive');
    expect(banner.scrollIntoView).toHaveBeenCalled();
    expect(document.activeElement).toBe(banner);
  });

  it('should title the case history in the user language with display names', async () => {
    // given
    TestBed.inject(TranslationService).setLanguage('nl');
    const timeline = [
      { at: '2026-12-01T09:00:00Z', kind: 'JOB_COMPLETED', actor: null, title: 'Activity_SendReminder done', detail: { elementId: 'Activity_SendReminder' } },
      { at: '2026-12-02T09:00:00Z', kind: 'TASK_COMPLETED', actor: 'agent1', title: 'Task done', detail: { elementId: 'Activity_ContactEmployer' } },
    ];
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', '1001');
    await settle();
    flushProcesses();
    http.expectOne('/api/tasks/1001').flush(taskDetail());
    await settle();
    // when
    http.expectOne('/api/cases/501').flush(caseDetail({ timeline }));
    await settle();
    // then
    const entries = Array.from<HTMLElement>(fixture.nativeElement.querySelectorAll('.wb-timeline li')).map((li) => li.textContent?.replace(/\s+/g, ' '));
    expect(entries[0]).toContain('Taak “Werkgever contacteren” afgerond');
    expect(entries[0]).toContain('door An Peeters');
    expect(entries[1]).toContain('Herinnering naar e-Box sturen: uitgevoerd');
  });

  it('should name the task and its process as the model does, in the user language', async () => {
    // given a Dutch user
    TestBed.inject(TranslationService).setLanguage('nl');
    // when the task opens
    await render();
    // then the header and the case card use the names from GET /api/processes
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toContain('Werkgever contacteren');
    expect(element.querySelector('[data-fact="process"]')?.textContent).toContain('Minnelijke invordering');
    expect(element.querySelector('.wb-process-name')?.textContent).toContain('Minnelijke invordering');
  });

  it('should explain that restricted work is not for this user', async () => {
    // given a task of an inspection the agent may not see
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', '2001');
    await settle();
    flushProcesses();
    // when the API refuses it
    http.expectOne('/api/tasks/2001').flush({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    // then the page says why instead of staying empty
    expect(fixture.nativeElement.textContent).toContain('You cannot open this task');
    expect(fixture.nativeElement.textContent).toContain('restricted work');
  });

  it('should show the key figures the case model declares instead of an amount it does not have', async () => {
    // given an inspection case without an amount due
    const figures = [
      { variable: 'maxFraudScore', kind: 'score' as const, name: { en: 'Highest fraud score', nl: 'Hoogste fraudescore', fr: 'Score de fraude' }, value: 0.91 },
      { variable: 'riskIndicators', kind: 'codes' as const, name: { en: 'Risk indicators', nl: 'Risico-indicatoren', fr: 'Indicateurs' }, value: ['CROSS_BORDER'] },
    ];
    fixture = TestBed.createComponent(TaskDetail);
    fixture.componentRef.setInput('id', '1001');
    await settle();
    flushProcesses();
    http.expectOne('/api/tasks/1001').flush(taskDetail({ process: { bpmnProcessId: 'inspection', name: 'Inspection' }, step: 'Activity_Triage' }));
    await settle();
    // when the case arrives
    http.expectOne('/api/cases/501').flush(caseDetail({ process: { bpmnProcessId: 'inspection', name: 'Inspection', version: 1 }, amountDue: null, figures }));
    await settle();
    // then
    const card: HTMLElement = fixture.nativeElement.querySelector('[data-card="case"]');
    expect(card.textContent).not.toContain('Amount due');
    expect(card.querySelector('[data-figure="maxFraudScore"]')?.textContent).toContain('0,91');
    expect(card.querySelector('[data-figure="riskIndicators"]')?.textContent).toContain('CROSS_BORDER');
    expect(fixture.nativeElement.querySelector('h1')?.textContent).toContain('Triage');
  });
});
