import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TaskDetail, TaskItem, TaskList, TaskListQuery, TeamMember } from '@werkbank/shared';
import { Observable } from 'rxjs';

/** Query of the task list as the UI builds it: empty filters are simply left out. */
export type TaskQuery = Partial<TaskListQuery> & Pick<TaskListQuery, 'view'>;

/** Calls of /api/tasks and /api/users; every command carries the version we saw (optimistic concurrency). */
@Injectable({ providedIn: 'root' })
export class TaskApi {
  private readonly http = inject(HttpClient);

  list(query: TaskQuery): Observable<TaskList> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(name, String(value));
    }
    return this.http.get<TaskList>('/api/tasks', { params });
  }

  get(id: string): Observable<TaskDetail> {
    return this.http.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
  }

  claim(task: Pick<TaskItem, 'id' | 'version'>): Observable<TaskItem> {
    return this.http.post<TaskItem>(`${this.path(task)}/claim`, { version: task.version });
  }

  unclaim(task: Pick<TaskItem, 'id' | 'version'>): Observable<TaskItem> {
    return this.http.post<TaskItem>(`${this.path(task)}/unclaim`, { version: task.version });
  }

  assign(task: Pick<TaskItem, 'id' | 'version'>, assignee: string): Observable<TaskItem> {
    return this.http.post<TaskItem>(`${this.path(task)}/assign`, { version: task.version, assignee });
  }

  complete(task: Pick<TaskItem, 'id' | 'version'>, variables: Record<string, unknown>): Observable<unknown> {
    return this.http.post<unknown>(`${this.path(task)}/complete`, { version: task.version, variables });
  }

  /** Members of a candidate group; `onlyMyTeams`: those who share a team with me (whom a team lead may assign). */
  members(group: string, onlyMyTeams = false): Observable<TeamMember[]> {
    return this.http.get<TeamMember[]>('/api/users', { params: onlyMyTeams ? { group, team: 'mine' } : { group } });
  }

  private path(task: Pick<TaskItem, 'id'>): string {
    return `/api/tasks/${encodeURIComponent(task.id)}`;
  }
}
