import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal, untracked, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { Problem, TeamMember } from '@werkbank/shared';
import { Observable } from 'rxjs';
import { AuthService } from '../core/auth/auth-service';
import { EngineClock } from '../core/clock/engine-clock';
import { isConflict, toProblem } from '../core/http/problem';
import { ProblemNotifier } from '../core/http/problem-notifier';
import { LocalDatePipe } from '../core/i18n/locale-format-pipes';
import { MessageKey } from '../core/i18n/messages-en';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { TranslationService } from '../core/i18n/translation-service';
import { UserDirectory } from '../core/users/user-directory';
import { CaseApi } from '../case/case-api';
import { CasePanel } from '../case/case-panel';
import { ListMemory } from './list-memory';
import { EmptyState } from '../ui/empty-state';
import { StateChip } from '../ui/state-chip';
import { ProcessCatalog } from '../core/processes/process-catalog';
import { TaskApi } from './task-api';
import { TaskForm } from './task-form';
import { displayedState, isOverdue } from './task-values';

type FieldError = NonNullable<Problem['errors']>[number];

@Component({
  selector: 'wb-task-detail',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    TranslatePipe,
    LocalDatePipe,
    StateChip,
    EmptyState,
    TaskForm,
    CasePanel,
  ],
  templateUrl: './task-detail.html',
  styleUrl: './task-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskDetail {
  private readonly api = inject(TaskApi);
  private readonly cases = inject(CaseApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(ProblemNotifier);
  private readonly i18n = inject(TranslationService);
  private readonly clock = inject(EngineClock);
  private readonly injector = inject(Injector);
  private readonly listMemory = inject(ListMemory);
  protected readonly auth = inject(AuthService);
  protected readonly users = inject(UserDirectory);

  /** Route parameter. */
  readonly id = input.required<string>();
  /** Query parameter: which list we came from, so "back" and "completed" return there. */
  readonly from = input<string>();

  readonly task = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  /** The engine's time, asked once per task shown (in demo mode it runs ahead of the browser's). */
  private readonly engineNow = rxResource({ params: () => this.id(), stream: () => this.clock.now() });
  readonly current = computed(() => (this.task.hasValue() ? this.task.value() : undefined));
  /** Computed, so that a reloaded task with the same case does not fetch the case again. */
  private readonly caseId = computed(() => this.current()?.caseId);
  private readonly memberGroup = computed(() => (this.auth.isTeamLead() ? this.current()?.candidateGroups[0] : undefined));
  readonly caseDetail = rxResource({
    params: () => this.caseId(),
    stream: ({ params }) => this.cases.get(params),
  });
  /** Whom the assign picker offers: a team lead may assign only members of their own teams (the API refuses others). */
  readonly members = rxResource({ params: () => this.memberGroup(), stream: ({ params }) => this.api.members(params, !this.auth.hasRole('admin')) });

  private readonly catalog = inject(ProcessCatalog);
  readonly title = computed(() => {
    const task = this.current();
    return task ? (this.catalog.names().step(task.process.bpmnProcessId, task.step)?.name ?? task.name) : '';
  });
  readonly processName = computed(() => {
    const task = this.current();
    return task ? (this.catalog.names().process(task.process.bpmnProcessId) ?? task.process.name ?? task.process.bpmnProcessId) : '';
  });
  readonly backLink = computed(() => (this.from() === 'group' ? '/tasks/group' : '/tasks/mine'));
  /** The filters, order and page the list had when we left it. */
  readonly backParams = computed(() => this.listMemory.paramsOf(this.from() === 'group' ? 'group' : 'mine'));
  readonly isOpen = computed(() => this.current()?.state === 'CREATED');
  readonly displayedState = displayedState;
  readonly isMine = computed(() => {
    const task = this.current();
    return !!task && task.assignee !== null && task.assignee === this.auth.user()?.username;
  });
  readonly canClaim = computed(() => this.isOpen() && !this.current()?.assignee);
  /** Someone else holds the open task: say who, instead of inviting to claim it. */
  readonly heldBy = computed(() => {
    const task = this.current();
    return this.isOpen() && task?.assignee && !this.isMine() ? this.users.nameOf(task.assignee) : null;
  });
  readonly assigneeName = computed(() => {
    const assignee = this.current()?.assignee;
    return assignee ? this.users.nameOf(assignee) : null;
  });
  readonly overdue = computed(() => {
    const task = this.current();
    const now = this.engineNow.hasValue() ? this.engineNow.value() : undefined;
    return task && now ? isOverdue(task, now) : false;
  });
  readonly notFound = computed(() => {
    const error = this.task.error();
    return error ? toProblem(error).status === 404 : false;
  });
  /** Restricted work (an inspection) of a team the user is not in: say so instead of a bare error. */
  readonly forbidden = computed(() => {
    const error = this.task.error();
    return error ? toProblem(error).status === 403 : false;
  });

  readonly busy = signal(false);
  readonly formInvalid = signal(false);
  readonly serverErrors = signal<FieldError[]>([]);

  private readonly form = viewChild(TaskForm);
  private readonly problemBanner = viewChild<ElementRef<HTMLElement>>('problemBanner');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    this.catalog.refresh();
    effect(() => this.users.load(this.current()?.candidateGroups ?? []));
    effect(() => {
      const task = this.current();
      if (task) untracked(() => this.users.learnFrom([task]));
    });
    // A task opened from the list (Enter on its row): focus goes to its title, where a screen reader starts reading,
    // not to the page's start. Only when nothing else holds the focus.
    let focusedFor: string | null = null;
    effect(() => {
      const id = this.current()?.id;
      if (!id || id === focusedFor) return;
      focusedFor = id;
      afterNextRender(() => {
        if (!document.activeElement || document.activeElement === document.body) this.heading()?.nativeElement.focus();
      }, { injector: this.injector });
    });
  }

  claim(): void {
    const task = this.current();
    if (task) this.run(this.api.claim(task), 'task.claimed');
  }

  unclaim(): void {
    const task = this.current();
    if (task) this.run(this.api.unclaim(task), 'task.unclaimed');
  }

  assign(member: TeamMember): void {
    const task = this.current();
    if (task) this.run(this.api.assign(task, member.username), 'task.assignedTo', { name: member.displayName });
  }

  complete(): void {
    const task = this.current();
    if (!task || this.busy()) return;
    this.serverErrors.set([]);
    let variables: Record<string, unknown> = {};
    if (task.form) {
      const submission = this.form()?.submit();
      if (!submission) return;
      if (Object.keys(submission.errors).length > 0) {
        this.formInvalid.set(true);
        this.revealProblem();
        return;
      }
      variables = submission.data;
    }
    this.formInvalid.set(false);
    this.busy.set(true);
    this.api.complete(task, variables).subscribe({
      next: () => {
        this.busy.set(false);
        this.notifier.info('task.completed', { name: this.title() });
        void this.router.navigate([this.backLink()], { queryParams: this.backParams() });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = toProblem(error);
        if (problem.status === 400 && problem.errors?.length) {
          // The server validates again; its field errors are shown next to the form.
          this.serverErrors.set(problem.errors);
          this.revealProblem();
        } else {
          this.fail(error);
        }
      },
    });
  }

  fieldLabel(error: FieldError): string {
    return error.field ?? error.elementId ?? error.resource ?? '';
  }

  /**
   * The banner sits above the form, often out of sight (and under the sticky top bar) when Complete is pressed at
   * the bottom: bring it into view and move focus to it, so that keyboard and screen-reader users land on it too.
   */
  private revealProblem(): void {
    afterNextRender(
      () => {
        const banner = this.problemBanner()?.nativeElement;
        banner?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        banner?.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }

  private run(command: Observable<unknown>, success: MessageKey, params?: Record<string, string>): void {
    if (this.busy()) return;
    this.busy.set(true);
    command.subscribe({
      next: () => {
        this.busy.set(false);
        this.notifier.info(success, params);
        // Both change: the task's assignee and version, and the case's timeline.
        this.task.reload();
        this.caseDetail.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.fail(error);
      },
    });
  }

  private fail(error: unknown): void {
    this.notifier.error(error);
    // A conflict means our copy is stale: show what the task looks like now.
    if (isConflict(error)) this.task.reload();
  }
}
