import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, linkedSignal, signal, untracked, viewChild } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { DateAdapter, MAT_DATE_FORMATS } from '@angular/material/core';
import { MatDatepickerIntl, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Params, Router } from '@angular/router';
import type { TaskItem, TaskList as TaskPage, TaskSortField, TaskView } from '@werkbank/shared';
import { debounceTime } from 'rxjs';
import { AuthService } from '../core/auth/auth-service';
import { EngineClock } from '../core/clock/engine-clock';
import { BELGIAN_DATE_FORMATS, BelgianDateAdapter } from '../core/i18n/belgian-date-adapter';
import { isConflict, toProblem } from '../core/http/problem';
import { ProblemNotifier } from '../core/http/problem-notifier';
import { AmountPipe, LocalDatePipe } from '../core/i18n/locale-format-pipes';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { TranslatedDatepickerIntl } from '../core/i18n/translated-datepicker-intl';
import { TranslatedPaginatorIntl } from '../core/i18n/translated-paginator-intl';
import { TranslationService } from '../core/i18n/translation-service';
import { UserDirectory } from '../core/users/user-directory';
import { EmptyState } from '../ui/empty-state';
import { formatEnterpriseNumber } from '../ui/enterprise-number';
import { EnterpriseNumberPipe } from '../ui/enterprise-number-pipe';
import { StateChip } from '../ui/state-chip';
import { ProcessCatalog } from '../core/processes/process-catalog';
import { userTaskSteps } from '../core/processes/process-names';
import { scopeToQuery, stepScope } from './process-steps';
import { TaskApi, TaskQuery } from './task-api';
import { amountValidator, amountRangeValidator, FilterErrorMatcher } from './task-filter-validators';
import { DEFAULT_STATE, formatAmountInput, PAGE_SIZES, hasFilters, ListState, parseAmount, readListState, writeListState } from './task-filters';
import { ListMemory } from './list-memory';
import { displayedState, isOverdue, localIsoDate } from './task-values';

type Filters = Pick<ListState, 'employer' | 'amountMin' | 'amountMax' | 'dueBefore' | 'scope'>;
const FILTER_KEYS: readonly (keyof Filters)[] = ['employer', 'amountMin', 'amountMax', 'dueBefore', 'scope'];

/** Table column -> server-side sort field. */
const SORT_FIELDS: Record<string, TaskSortField> = {
  employer: 'employerName',
  name: 'step',
  process: 'process',
  amountDue: 'amountDue',
  dueDate: 'dueDate',
  assignee: 'assignee',
  state: 'state',
};

@Component({
  selector: 'wb-task-list',
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    MatDatepickerModule,
    TranslatePipe,
    AmountPipe,
    LocalDatePipe,
    EnterpriseNumberPipe,
    EmptyState,
    StateChip,
  ],
  providers: [
    { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    { provide: MatDatepickerIntl, useClass: TranslatedDatepickerIntl },
    { provide: DateAdapter, useClass: BelgianDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: BELGIAN_DATE_FORMATS },
  ],
  templateUrl: './task-list.html',
  styleUrl: './task-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onDocumentKey($event)' },
})
export class TaskList {
  private readonly api = inject(TaskApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(ProblemNotifier);
  private readonly i18n = inject(TranslationService);
  private readonly clock = inject(EngineClock);
  private readonly dateAdapter = inject(DateAdapter) as BelgianDateAdapter;
  protected readonly auth = inject(AuthService);
  protected readonly users = inject(UserDirectory);

  /** From the route data: `mine` or `group`. */
  readonly view = input<TaskView>('mine');
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');

  private readonly route = inject(ActivatedRoute);
  private readonly memory = inject(ListMemory);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly locale = () => this.i18n.locale();

  readonly filterForm = new FormGroup(
    {
      employer: new FormControl('', { nonNullable: true }),
      amountMin: new FormControl('', { nonNullable: true, validators: amountValidator(this.locale) }),
      amountMax: new FormControl('', { nonNullable: true, validators: amountValidator(this.locale) }),
      dueBefore: new FormControl<Date | null>(null),
      scope: new FormControl('', { nonNullable: true }),
    },
    { validators: amountRangeValidator(this.locale) },
  );
  readonly fieldErrors = new FilterErrorMatcher();
  readonly rangeErrors = new FilterErrorMatcher('amountRange');

  /** Filters, order and page live in the URL: reload, back and shared links show the same list. */
  private readonly params = toSignal(this.route.queryParams, { initialValue: {} as Params });
  readonly state = computed(() => readListState(this.params() as Record<string, string | undefined>));
  private shownLocale: string | null = null;

  readonly query = computed<TaskQuery>(() => {
    const state = this.state();
    return {
      view: this.view(),
      employer: state.employer || undefined,
      amountMin: state.amountMin || undefined,
      amountMax: state.amountMax || undefined,
      dueBefore: state.dueBefore || undefined,
      ...scopeToQuery(state.scope),
      sort: SORT_FIELDS[state.sort] ?? 'dueDate',
      direction: state.direction,
      page: state.page,
      size: state.size,
    };
  });
  readonly hasFilters = computed(() => hasFilters(this.state()));
  readonly page = computed(() => this.state().page);
  readonly size = computed(() => this.state().size);
  readonly sort = computed(() => ({ column: this.state().sort, direction: this.state().direction }));
  readonly amountExample = computed(() => formatAmountInput('10000.5', this.i18n.locale()));

  readonly tasks = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  /** The engine's time, asked again with every list load (in demo mode it runs ahead of the browser's). */
  private readonly engineNow = rxResource({ params: () => this.query(), stream: () => this.clock.now() });
  private readonly now = linkedSignal<Date | undefined, Date | undefined>({
    source: () => (this.engineNow.hasValue() ? this.engineNow.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
  /** The last page we received: kept while the next one loads, so the table does not flicker. */
  readonly lastPage = linkedSignal<TaskPage | undefined, TaskPage | undefined>({
    source: () => (this.tasks.hasValue() ? this.tasks.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
  /**
   * A refused query says why instead of pretending there are no tasks: in the user's language by its code, with the
   * server's detail of a refused query (which filter) after it.
   */
  readonly problem = computed(() => {
    const error = this.tasks.error();
    if (!error) return null;
    const problem = toProblem(error);
    const message = this.notifier.describe(problem);
    return problem.status === 400 && problem.detail && problem.detail !== message ? `${message} ${problem.detail}` : message;
  });
  readonly rows = computed(() => (this.problem() ? [] : (this.lastPage()?.items ?? [])));
  readonly total = computed(() => this.lastPage()?.total ?? 0);
  /** False when the server stopped counting at its bound: "1,000+", and no "last page" to jump to. */
  readonly totalIsExact = computed(() => this.lastPage()?.totalIsExact ?? true);
  private readonly paginatorIntl = inject(MatPaginatorIntl) as TranslatedPaginatorIntl;
  readonly loading = computed(() => this.tasks.isLoading());
  readonly claiming = signal<ReadonlySet<string>>(new Set());

  readonly columns = computed(() => [
    'employer',
    'name',
    'process',
    'amountDue',
    'dueDate',
    'assignee',
    'state',
    ...(this.view() === 'group' ? ['actions'] : []),
  ]);

  private readonly catalog = inject(ProcessCatalog);
  /** Every deployed process and its user tasks, named in the user's language (from the models). */
  readonly processSteps = computed(() => {
    const names = this.catalog.names();
    return userTaskSteps(this.catalog.processes()).map(({ process, steps }) => {
      // A step the model places twice (same name) is one choice for the user.
      const byName = new Map<string, string[]>();
      for (const step of steps) {
        const name = names.step(process.bpmnProcessId, step.elementId)?.name ?? step.elementId;
        byName.set(name, [...(byName.get(name) ?? []), step.elementId]);
      }
      return {
        id: process.bpmnProcessId,
        name: names.process(process.bpmnProcessId) ?? process.bpmnProcessId,
        steps: [...byName].map(([name, ids]) => ({ scope: stepScope(process.bpmnProcessId, ids), name })),
      };
    });
  });
  readonly pageSizes = PAGE_SIZES;

  constructor() {
    this.catalog.refresh();
    effect(() => this.dateAdapter.setLocale(this.i18n.locale()));
    effect(() => {
      const state = this.state();
      const locale = this.i18n.locale();
      untracked(() => this.showInForm(state, locale));
    });
    effect(() => this.memory.remember(this.view(), this.params()));
    this.filterForm.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => this.applyForm());
    effect(() => this.dateAdapter.setToday(this.now() ?? null));
    effect(() => this.paginatorIntl.setLengthIsLowerBound(!this.totalIsExact()));
    effect(() => this.users.load([...new Set(this.rows().flatMap((task) => task.candidateGroups))]));
    effect(() => {
      const rows = this.rows();
      untracked(() => this.users.learnFrom(rows));
    });
    // Back from a task, keyboard users go on from the row they opened, not from the top of the page.
    effect(() => {
      const rows = this.rows();
      if (rows.length === 0) return;
      const opened = untracked(() => this.memory.takeOpened(this.view()));
      if (!opened || !rows.some((task) => task.id === opened)) return;
      afterNextRender(() => {
        const row = this.host.nativeElement.querySelector<HTMLElement>(`tr.wb-row[data-task-id="${opened}"]`);
        if (row && (!document.activeElement || document.activeElement === document.body)) row.focus();
      }, { injector: this.injector });
    });
  }

  amountError(field: 'amountMin' | 'amountMax'): string {
    const control = this.filterForm.controls[field];
    if (control.hasError('amount.negative')) return this.i18n.translate('tasks.filter.amountNegative');
    if (control.hasError('amount.invalid')) return this.i18n.translate('tasks.filter.amountInvalid', { example: this.amountExample() });
    return this.filterForm.hasError('amountRange') ? this.i18n.translate('tasks.filter.amountRange') : '';
  }

  /** Judged by the engine's clock; nothing is flagged before we know it. */
  isOverdue(task: TaskItem): boolean {
    const now = this.now();
    return now ? isOverdue(task, now) : false;
  }

  onSort(sort: Sort): void {
    this.navigate({ sort: sort.active, direction: sort.direction === 'desc' ? 'desc' : 'asc', page: 0 });
  }

  onPage(event: PageEvent): void {
    this.navigate(event.pageSize !== this.size() ? { size: event.pageSize, page: 0 } : { page: event.pageIndex });
  }

  clearFilters(): void {
    this.filterForm.reset(undefined, { emitEvent: false });
    this.navigate({ ...pickFilters(DEFAULT_STATE), page: 0 });
  }

  /** The form's filters once they are all valid; invalid ones are shown inline and never sent. */
  private formFilters(): Filters | null {
    if (this.filterForm.invalid) return null;
    const raw = this.filterForm.getRawValue();
    const min = parseAmount(raw.amountMin, this.i18n.locale());
    const max = parseAmount(raw.amountMax, this.i18n.locale());
    if (!('value' in min) || !('value' in max)) return null;
    return {
      employer: raw.employer.trim(),
      amountMin: min.value,
      amountMax: max.value,
      dueBefore: raw.dueBefore ? localIsoDate(raw.dueBefore) : '',
      scope: raw.scope,
    };
  }

  private applyForm(): void {
    const filters = this.formFilters();
    if (!filters || sameFilters(filters, this.state())) return;
    this.navigate({ ...filters, page: 0 }, true);
  }

  /** URL -> form, when the URL changed by itself (link, back, menu) or the language changed the formats. */
  private showInForm(state: ListState, locale: string): void {
    const firstRun = this.shownLocale === null;
    const localeChanged = locale !== this.shownLocale;
    this.shownLocale = locale;
    const current = this.formFilters();
    const shown = !!current && sameFilters(current, state);
    if (!firstRun && localeChanged && !shown) {
      // The user is still editing: keep their text, judge it by the new language.
      this.filterForm.updateValueAndValidity({ emitEvent: false });
      return;
    }
    if (shown && !localeChanged) return;
    const [year, month, day] = state.dueBefore.split('-').map(Number);
    this.filterForm.setValue(
      {
        employer: state.employer,
        amountMin: formatAmountInput(state.amountMin, locale),
        amountMax: formatAmountInput(state.amountMax, locale),
        dueBefore: state.dueBefore ? new Date(year, month - 1, day) : null,
        scope: state.scope,
      },
      { emitEvent: false },
    );
  }

  private navigate(change: Partial<ListState>, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: writeListState({ ...this.state(), ...change }), replaceUrl });
  }

  open(task: TaskItem): void {
    this.memory.opened(this.view(), task.id);
    void this.router.navigate(['/tasks', task.id], { queryParams: { from: this.view() } });
  }

  readonly displayedState = displayedState;

  taskName(task: TaskItem): string {
    return this.catalog.names().step(task.process.bpmnProcessId, task.step)?.name ?? task.name;
  }

  processName(task: TaskItem): string {
    return this.catalog.names().process(task.process.bpmnProcessId) ?? task.process.name ?? task.process.bpmnProcessId;
  }

  employerLabel(task: TaskItem): string {
    return task.employer?.name ?? formatEnterpriseNumber(task.employer?.enterpriseNumber);
  }

  claim(task: TaskItem, event?: Event): void {
    event?.stopPropagation();
    if (this.claiming().has(task.id)) return;
    this.claiming.update((ids) => new Set(ids).add(task.id));
    this.api.claim(task).subscribe({
      next: () => {
        this.done(task);
        this.notifier.info('tasks.claimed');
        this.tasks.reload();
      },
      error: (error: unknown) => {
        this.done(task);
        if (isConflict(error)) {
          // Someone was quicker (or the row was stale): say so and show the current state of the queue.
          this.notifier.info('tasks.conflict');
          this.tasks.reload();
        } else {
          this.notifier.error(error);
        }
      },
    });
  }

  onDocumentKey(event: KeyboardEvent): void {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    event.preventDefault();
    this.search()?.nativeElement.focus();
  }

  private done(task: TaskItem): void {
    this.claiming.update((ids) => {
      const next = new Set(ids);
      next.delete(task.id);
      return next;
    });
  }
}

function pickFilters(state: ListState): Filters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, state[key]])) as unknown as Filters;
}

function sameFilters(filters: Filters, state: ListState): boolean {
  return FILTER_KEYS.every((key) => filters[key] === state[key]);
}
