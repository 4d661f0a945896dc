import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { DateAdapter, MAT_DATE_FORMATS, MAT_NATIVE_DATE_FORMATS } from '@angular/material/core';
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
import { Router } from '@angular/router';
import type { TaskItem, TaskList as TaskPage, TaskSortField, TaskView } from '@werkbank/shared';
import { debounceTime, map } from 'rxjs';
import { AuthService } from '../core/auth/auth-service';
import { EngineClock } from '../core/clock/engine-clock';
import { BelgianDateAdapter } from '../core/i18n/belgian-date-adapter';
import { isConflict } from '../core/http/problem';
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
import { localName, PROCESS_STEPS, scopeToQuery } from './process-steps';
import { TaskApi, TaskQuery } from './task-api';
import { cleanAmount, isOverdue, localIsoDate } from './task-values';

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
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
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

  readonly filterForm = new FormGroup({
    employer: new FormControl('', { nonNullable: true }),
    amountMin: new FormControl('', { nonNullable: true }),
    amountMax: new FormControl('', { nonNullable: true }),
    dueBefore: new FormControl<Date | null>(null),
    scope: new FormControl('', { nonNullable: true }),
  });
  private readonly filters = toSignal(
    this.filterForm.valueChanges.pipe(
      debounceTime(300),
      map(() => this.filterForm.getRawValue()),
    ),
    { initialValue: this.filterForm.getRawValue() },
  );
  readonly sort = signal<{ column: string; direction: 'asc' | 'desc' }>({ column: 'dueDate', direction: 'asc' });
  readonly size = signal(25);
  /** Back to the first page whenever the filters or the order change. */
  readonly page = linkedSignal({ source: () => [this.filters(), this.sort(), this.size()], computation: () => 0 });

  readonly query = computed<TaskQuery>(() => {
    const filters = this.filters();
    const sort = this.sort();
    return {
      view: this.view(),
      employer: filters.employer.trim() || undefined,
      amountMin: cleanAmount(filters.amountMin),
      amountMax: cleanAmount(filters.amountMax),
      dueBefore: filters.dueBefore ? localIsoDate(filters.dueBefore) : undefined,
      ...scopeToQuery(filters.scope),
      sort: SORT_FIELDS[sort.column] ?? 'dueDate',
      direction: sort.direction,
      page: this.page(),
      size: this.size(),
    };
  });
  readonly hasFilters = computed(() => Object.values(this.filters()).some((value) => (typeof value === 'string' ? value.trim() !== '' : value !== null)));

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
  readonly rows = computed(() => this.lastPage()?.items ?? []);
  readonly total = computed(() => this.lastPage()?.total ?? 0);
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

  readonly processSteps = PROCESS_STEPS;

  constructor() {
    effect(() => this.dateAdapter.setLocale(this.i18n.locale()));
    effect(() => this.dateAdapter.setToday(this.now() ?? null));
    effect(() => this.users.load([...new Set(this.rows().flatMap((task) => task.candidateGroups))]));
  }

  /** Judged by the engine's clock; nothing is flagged before we know it. */
  isOverdue(task: TaskItem): boolean {
    const now = this.now();
    return now ? isOverdue(task, now) : false;
  }

  onSort(sort: Sort): void {
    this.sort.set({ column: sort.active, direction: sort.direction === 'desc' ? 'desc' : 'asc' });
  }

  onPage(event: PageEvent): void {
    if (event.pageSize !== this.size()) {
      this.size.set(event.pageSize);
      return;
    }
    this.page.set(event.pageIndex);
  }

  clearFilters(): void {
    this.filterForm.reset();
  }

  open(task: TaskItem): void {
    void this.router.navigate(['/tasks', task.id], { queryParams: { from: this.view() } });
  }

  taskName(task: TaskItem): string {
    return localName(this.i18n, 'step', task.step, task.name);
  }

  processName(task: TaskItem): string {
    return localName(this.i18n, 'process', task.process.bpmnProcessId, task.process.name ?? task.process.bpmnProcessId);
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
