import { registerLocaleData } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import localeFrBe from '@angular/common/locales/fr-BE';
import localeNlBe from '@angular/common/locales/nl-BE';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { of } from 'rxjs';
import { EngineClock } from '../core/clock/engine-clock';
import { TranslationService } from '../core/i18n/translation-service';
import { processes, taskItem } from './task-fixtures.spec-helper';
import { TaskList } from './task-list';
import { ListMemory } from './list-memory';

describe('TaskList', () => {
  beforeAll(() => {
    registerLocaleData(localeNlBe);
    registerLocaleData(localeFrBe);
  });

  let fixture: ComponentFixture<TaskList>;
  let http: HttpTestingController;
  const open = jest.fn();
  /** The engine's clock, far ahead of the browser's as in demo mode. */
  let engineNow = new Date('2026-12-20T10:00:00Z');

  beforeEach(async () => {
    open.mockReset();
    engineNow = new Date('2026-12-20T10:00:00Z');
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [TaskList],
      providers: [
        provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations(), { provide: MatSnackBar, useValue: { open } },
        { provide: EngineClock, useValue: { now: () => of(engineNow) } },
      ],
    });
    TestBed.inject(TranslationService).setLanguage('en');
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TaskList);
    fixture.componentRef.setInput('view', 'group');
    await settle();
    http.expectOne('/api/processes').flush({ items: processes() });
    await settle();
  });

  afterEach(() => http.verify());

  /** Not whenStable(): a pending request counts as unstable, and we flush requests by hand. */
  async function settle(): Promise<void> {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }

  function expectList() {
    return http.expectOne((request) => request.url === '/api/tasks');
  }

  function text(): string {
    return (fixture.nativeElement as HTMLElement).textContent ?? '';
  }

  it('should ask the server for the group view, sorted by due date', () => {
    const request = expectList();
    expect(request.request.params.get('view')).toBe('group');
    expect(request.request.params.get('sort')).toBe('dueDate');
    expect(request.request.params.get('page')).toBe('0');
    request.flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should render one row per task with formatted employer number and amount', async () => {
    // given
    expectList().flush({ items: [taskItem(), taskItem({ id: '1002', assignee: 'agent2', employer: { enterpriseNumber: '403170701', name: 'Garage Dupont' } })], total: 2, totalIsExact: true });
    // when
    await settle();
    // then
    const rows = fixture.nativeElement.querySelectorAll('tr.wb-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Bakkerij Janssens BV');
    expect(rows[0].textContent).toContain('0403.170.701');
    expect(rows[0].textContent).toMatch(/1[.,\u202f ]?234[.,]56/);
    expect(rows[0].querySelector('button.wb-claim')).not.toBeNull();
    expect(rows[1].querySelector('button.wb-claim')).toBeNull();
    expect(text()).toContain('2 tasks');
    expect(fixture.nativeElement.querySelector('wb-empty-state')).toBeNull();
  });

  it('should show a task with an assignee as assigned and one without as open, in the UI language', async () => {
    // given
    expectList().flush({ items: [taskItem(), taskItem({ id: '1002', assignee: 'agent2' })], total: 2, totalIsExact: true });
    const states = () => [...fixture.nativeElement.querySelectorAll('tr.wb-row wb-state-chip')].map((chip: HTMLElement) => chip.textContent?.trim());
    // when
    await settle();
    // then
    expect(states()).toEqual(['Open', 'Assigned']);
    // when
    TestBed.inject(TranslationService).setLanguage('fr');
    await settle();
    // then
    expect(states()).toEqual(['Ouverte', 'Assignée']);
  });

  it("should name a colleague who holds a task by the name the list carries, not by their username", async () => {
    // given an agent (who may not list the team's members) and a task held by a colleague
    expectList().flush({ items: [taskItem({ id: '1002', assignee: 'agent2', assigneeName: 'Thomas Janssens' })], total: 1, totalIsExact: true });
    // when
    await settle();
    // then
    const assignee = fixture.nativeElement.querySelector('tr.wb-row .wb-assignee') as HTMLElement;
    expect(assignee.textContent?.trim()).toBe('Thomas Janssens');
    expect(assignee.dataset['username']).toBe('agent2');
  });

  it('should show the empty state when there are no tasks', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    // when
    await settle();
    // then
    expect(fixture.nativeElement.querySelector('wb-empty-state')?.textContent).toContain('No tasks — nice work');
    expect(fixture.nativeElement.querySelector('mat-progress-bar')).toBeNull();
  });

  it('should explain a 409 on claim and refresh the list', async () => {
    // given
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    // when
    fixture.nativeElement.querySelector('button.wb-claim').click();
    const claim = http.expectOne('/api/tasks/1001/claim');
    expect(claim.request.body).toEqual({ version: 1 });
    claim.flush({ type: 'x', title: 'Conflict', status: 409, code: 'TASK_ALREADY_CLAIMED' }, { status: 409, statusText: 'Conflict' });
    await settle();
    // then
    expect(open).toHaveBeenCalledWith('Someone else changed this task in the meantime. The list has been refreshed.', undefined, expect.anything());
    expectList().flush({ items: [taskItem({ assignee: 'agent2', version: 2 })], total: 1, totalIsExact: true });
    await settle();
    expect(fixture.nativeElement.querySelector('button.wb-claim')).toBeNull();
  });

  it('should reload after a successful claim', async () => {
    // given
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    // when
    fixture.nativeElement.querySelector('button.wb-claim').click();
    http.expectOne('/api/tasks/1001/claim').flush(taskItem({ assignee: 'agent1', version: 2 }));
    await settle();
    // then
    expect(open).toHaveBeenCalledWith('Task claimed.', undefined, expect.anything());
    expectList().flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should send the sort chosen by clicking a header and start again at page 0', async () => {
    // given
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    // when
    fixture.componentInstance.onSort({ active: 'amountDue', direction: 'desc' });
    await settle();
    // then
    const request = expectList();
    expect(request.request.params.get('sort')).toBe('amountDue');
    expect(request.request.params.get('direction')).toBe('desc');
    expect(request.request.params.get('page')).toBe('0');
    request.flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should send the filters after a short pause and start again at page 0', async () => {
    // given
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    await TestBed.inject(Router).navigate([], { queryParams: { page: 2 } });
    await settle();
    expectList().flush({ items: [], total: 1, totalIsExact: true });
    // when
    fixture.componentInstance.filterForm.patchValue({ employer: ' bakker ', amountMin: '100,5', scope: 'step:Activity_ContactEmployer' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    // then
    const request = expectList();
    expect(request.request.params.get('employer')).toBe('bakker');
    expect(request.request.params.get('amountMin')).toBe('100.5');
    expect(request.request.params.get('step')).toBe('Activity_ContactEmployer');
    expect(request.request.params.get('page')).toBe('0');
    request.flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    expect(fixture.nativeElement.querySelector('wb-empty-state')?.textContent).toContain('No tasks match these filters');
    expect(TestBed.inject(Router).url).toContain('amountMin=100.5');
  });

  async function typeFilters(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const control = fixture.componentInstance.filterForm.get(name);
      control?.setValue(value);
      control?.markAsDirty();
    }
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
  }

  it('should read amounts as the current language shows them', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    TestBed.inject(TranslationService).setLanguage('nl');
    await settle();
    // when
    await typeFilters({ amountMin: '10.000,00' });
    // then
    expect(expectList().request.params.get('amountMin')).toBe('10000.00');
  });

  it('should show an inline error and send nothing for text, negative amounts and an inverted range', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    // when
    await typeFilters({ amountMin: 'abc', amountMax: '-5' });
    // then
    http.expectNone((request) => request.url === '/api/tasks');
    const errors = () => [...fixture.nativeElement.querySelectorAll('mat-error')].map((error: HTMLElement) => error.textContent?.trim());
    expect(errors()).toEqual(['Not an amount. Example: 10.000,5', 'The amount cannot be negative.']);
    // when
    await typeFilters({ amountMin: '500', amountMax: '100' });
    // then
    http.expectNone((request) => request.url === '/api/tasks');
    expect(errors()).toEqual(['"Up to" must not be below "from".']);
  });

  it('should show the API message when it refuses the query, not the empty state', async () => {
    // when
    expectList().flush({ type: 'about:blank', title: 'Validation failed', status: 400, code: 'VALIDATION_FAILED', detail: 'amountMin: too many digits' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    // then
    expect(text()).toContain('The tasks could not be loaded');
    expect(text()).toContain('amountMin: too many digits');
    expect(text()).not.toContain('nice work');
  });

  it('should say in the language of the UI why the server refused the list', async () => {
    // given a Dutch UI
    TestBed.inject(TranslationService).setLanguage('nl');
    // when the API refuses with its English wording
    expectList().flush({ type: 'about:blank', title: 'Only team leads and administrators see every task', status: 403, code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    // then
    expect(text()).toContain('Je mag dit niet doen.');
    expect(text()).not.toContain('Only team leads');
  });

  it('should start from the filters, order and page in the URL and clear them from the empty state', async () => {
    // given a shared link
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await TestBed.inject(Router).navigateByUrl('/?amountMin=10000.5&scope=process:recovery&sort=amountDue&direction=desc&page=1');
    await settle();
    const request = expectList();
    expect(request.request.params.get('amountMin')).toBe('10000.5');
    expect(request.request.params.get('process')).toBe('recovery');
    expect(request.request.params.get('sort')).toBe('amountDue');
    expect(request.request.params.get('page')).toBe('1');
    request.flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    expect(fixture.componentInstance.filterForm.getRawValue().amountMin).toMatch(/^10[,.]000[.,]5$/);
    // when
    fixture.nativeElement.querySelector('button.wb-clear-filters').click();
    await settle();
    // then
    const cleared = expectList();
    expect(cleared.request.params.get('amountMin')).toBeNull();
    expect(cleared.request.params.get('sort')).toBe('amountDue');
    cleared.flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    expect(text()).toContain('No tasks — nice work');
  });

  it('should open the task when Enter is pressed on a focused row', async () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    // when
    const row: HTMLElement = fixture.nativeElement.querySelector('tr.wb-row');
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    // then
    expect(row.getAttribute('tabindex')).toBe('0');
    expect(navigate).toHaveBeenCalledWith(['/tasks', '1001'], { queryParams: { from: 'group' } });
  });

  it('should give the focus back to the row of the task opened from this list', async () => {
    // given task 1002 was opened from the group queue, and the focus is nowhere (back from the task)
    TestBed.inject(ListMemory).opened('group', '1002');
    (document.activeElement as HTMLElement | null)?.blur();
    // when the list comes back
    expectList().flush({ items: [taskItem(), taskItem({ id: '1002' })], total: 2, totalIsExact: true });
    await settle();
    // then its row has the focus
    expect((document.activeElement as HTMLElement).dataset['taskId']).toBe('1002');
    expect(TestBed.inject(ListMemory).takeOpened('group')).toBeNull();
  });

  it('should focus the employer search on "/"', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    // when
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }));
    // then
    expect(document.activeElement).toBe(fixture.nativeElement.querySelector('input[formcontrolname="employer"]'));
  });

  it('should count tasks in the singular and the plural of each language', async () => {
    // given
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    // then
    const total = () => fixture.nativeElement.querySelector('.wb-total').textContent.trim();
    expect(total()).toBe('1 task');
    TestBed.inject(TranslationService).setLanguage('fr');
    await settle();
    expect(total()).toBe('1 tâche');
    TestBed.inject(TranslationService).setLanguage('nl');
    await settle();
    expect(total()).toBe('1 taak');
  });

  it('should say "10.000+" in the header and the paginator of each language when the server capped the count', async () => {
    // given a page of a list with more matching tasks than the server counts
    expectList().flush({ items: [taskItem()], total: 10000, totalIsExact: false });
    await settle();
    // then
    const total = () => fixture.nativeElement.querySelector('.wb-total').textContent.trim();
    const range = () => fixture.nativeElement.querySelector('.mat-mdc-paginator-range-label').textContent.trim();
    expect(total()).toBe('10.000+ tasks'); // en-BE, as every number in the app
    expect(range()).toBe('1 – 25 of 10.000+');
    TestBed.inject(TranslationService).setLanguage('fr');
    await settle();
    expect(total()).toBe('10\u202f000+ tâches');
    expect(range()).toBe('1 – 25 sur 10\u202f000+');
    TestBed.inject(TranslationService).setLanguage('nl');
    await settle();
    expect(total()).toBe('10.000+ taken');
    expect(range()).toBe('1 – 25 van 10.000+');
  });

  it('should show an exact count with grouped digits and offer the last page only when the count is exact', async () => {
    // given a capped list
    expectList().flush({ items: [taskItem()], total: 10000, totalIsExact: false });
    await settle();
    const paginator = () => fixture.nativeElement.querySelector('mat-paginator') as HTMLElement;
    // then the last-page button is hidden (the last page is unknown)
    expect(paginator().classList).toContain('wb-total-capped');
    expect(paginator().querySelector('.wb-total-capped .mat-mdc-paginator-navigation-last')).not.toBeNull();
    // when the next list is counted exactly
    fixture.componentInstance.tasks.reload();
    await settle();
    expectList().flush({ items: [taskItem()], total: 8254, totalIsExact: true });
    await settle();
    // then the label is exact again and the last page can be reached
    expect(fixture.nativeElement.querySelector('.wb-total').textContent.trim()).toBe('8.254 tasks');
    expect(fixture.nativeElement.querySelector('.mat-mdc-paginator-range-label').textContent.trim()).toBe('1 – 25 of 8.254');
    expect(paginator().classList).not.toContain('wb-total-capped');
  });

  it('should flag overdue tasks by the engine clock, not the browser clock', async () => {
    // given a browser in 2026-12-03 (real time) and an engine already at 2026-12-20
    expectList().flush({ items: [taskItem({ dueDate: '2026-12-08' }), taskItem({ id: '1002', dueDate: '2026-12-31' })], total: 2, totalIsExact: true });
    // when
    await settle();
    // then
    const rows = fixture.nativeElement.querySelectorAll('tr.wb-row');
    expect(rows[0].querySelector('.wb-overdue-badge')?.textContent).toContain('Overdue');
    expect(rows[1].querySelector('.wb-overdue-badge')).toBeNull();
  });

  it('should send the chosen "due before" day as an ISO date', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    // when
    fixture.componentInstance.filterForm.patchValue({ dueBefore: new Date(2027, 0, 5) });
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    // then
    const request = expectList();
    expect(request.request.params.get('dueBefore')).toBe('2027-01-05');
    request.flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should show the due-before field in the Belgian format of the language', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    TestBed.inject(TranslationService).setLanguage('fr');
    fixture.componentInstance.filterForm.patchValue({ dueBefore: new Date(2027, 0, 5) });
    await settle();
    // then
    const input: HTMLInputElement = fixture.nativeElement.querySelector('input[formcontrolname="dueBefore"]');
    expect(input.value).toBe('05/01/2027');
    expect(input.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    // and in Dutch too, where Intl would write "5/1/2027"
    TestBed.inject(TranslationService).setLanguage('nl');
    await settle();
    fixture.componentInstance.filterForm.patchValue({ dueBefore: new Date(2027, 0, 6) });
    await settle();
    expect(input.value).toBe('06/01/2027');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    expectList().flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should show an error for an impossible due date and not send it', async () => {
    // given
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    const input: HTMLInputElement = fixture.nativeElement.querySelector('input[formcontrolname="dueBefore"]');
    // when
    input.value = '31/02/2026';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    // then
    http.expectNone((request) => request.url === '/api/tasks');
    expect(fixture.nativeElement.querySelector('mat-error')?.textContent).toContain('Not a date. Use dd/mm/yyyy.');
    expect(input.value).toBe('31/02/2026');
  });

  it('should offer each deployed process once, then its user tasks, named by the model', async () => {
    // given a Dutch user
    TestBed.inject(TranslationService).setLanguage('nl');
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    // when the filter opens
    fixture.nativeElement.querySelector('mat-select').click();
    await settle();
    // then every process of GET /api/processes is a group with its user tasks only
    const groups = [...document.querySelectorAll('mat-optgroup')].map((group) => group.getAttribute('aria-label') ?? group.textContent?.trim().split(/\s{2,}/)[0]);
    expect(groups.join('|')).toContain('Inspectie');
    expect(groups.join('|')).toContain('Minnelijke invordering');
    const options = [...document.querySelectorAll('mat-option')].map((option) => option.textContent?.trim());
    expect(options.filter((option) => option === 'Alle processen en stappen')).toHaveLength(1);
    expect(options).toContain('Onderzoeken');
    expect(options).not.toContain('Inspectie registreren');
  });

  it('should filter on a step of one process', async () => {
    expectList().flush({ items: [], total: 0, totalIsExact: true });
    await settle();
    // when the triage step is chosen
    fixture.componentInstance.filterForm.controls.scope.setValue('step:inspection:Activity_Triage');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    // then the list asks for that process and step
    const request = expectList();
    expect(request.request.params.get('process')).toBe('inspection');
    expect(request.request.params.get('step')).toBe('Activity_Triage');
    request.flush({ items: [], total: 0, totalIsExact: true });
  });

  it('should name tasks and processes in the list as the model does', async () => {
    TestBed.inject(TranslationService).setLanguage('fr');
    expectList().flush({ items: [taskItem()], total: 1, totalIsExact: true });
    await settle();
    const row: HTMLElement = fixture.nativeElement.querySelector('tr.wb-row');
    expect(row.textContent).toContain('Contacter l’employeur');
    expect(row.textContent).toContain('Recouvrement amiable');
  });
});
