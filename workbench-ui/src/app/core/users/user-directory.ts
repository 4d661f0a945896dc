import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type { TeamMember } from '@werkbank/shared';
import { catchError, Observable, shareReplay, tap, throwError } from 'rxjs';
import { AuthService } from '../auth/auth-service';

/**
 * Display names of colleagues, from GET /api/users?group=… (each group asked once per session and shared by the
 * assign menu). The API lists a group's members only for team leads and admins, so for others we know just their
 * own name and show usernames otherwise.
 */
@Injectable({ providedIn: 'root' })
export class UserDirectory {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly names = signal<ReadonlyMap<string, string>>(new Map());
  private readonly groups = new Map<string, Observable<TeamMember[]>>();

  /** The members of a group (cached); their names are remembered for `nameOf`. */
  members(group: string): Observable<TeamMember[]> {
    let members = this.groups.get(group);
    if (!members) {
      members = this.http.get<TeamMember[]>('/api/users', { params: { group } }).pipe(
        tap((list) => this.remember(list)),
        catchError((error: unknown) => {
          // Not cached: the next page asks again.
          this.groups.delete(group);
          return throwError(() => error);
        }),
        shareReplay(1),
      );
      this.groups.set(group, members);
    }
    return members;
  }

  /** Fetches the names of these groups' members in the background, where the API allows it. */
  load(groups: readonly string[]): void {
    if (!this.auth.hasRole('team-lead') && !this.auth.hasRole('admin')) return;
    // Names are a nicety: without them the usernames stay.
    for (const group of groups) this.members(group).subscribe({ error: () => undefined });
  }

  /** The display name when we know it, else the username. Reads signals: templates update when names arrive. */
  nameOf(username: string): string {
    const user = this.auth.user();
    if (user && user.username === username) return user.displayName;
    return this.names().get(username) ?? username;
  }

  /**
   * The names tasks carry for their assignees (the task list and a task give `assigneeName`, whoever reads them): an
   * agent, who may not list the team, then sees a colleague's name instead of their username.
   */
  learnFrom(tasks: readonly { assignee: string | null; assigneeName?: string | null }[]): void {
    const known = this.names();
    const members = tasks.flatMap((task) =>
      task.assignee && task.assigneeName && known.get(task.assignee) !== task.assigneeName ? [{ username: task.assignee, displayName: task.assigneeName }] : [],
    );
    if (members.length > 0) this.remember(members);
  }

  private remember(members: readonly Pick<TeamMember, 'username' | 'displayName'>[]): void {
    this.names.update((known) => {
      const next = new Map(known);
      for (const member of members) next.set(member.username, member.displayName);
      return next;
    });
  }
}
