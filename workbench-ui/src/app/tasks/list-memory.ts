import { Injectable } from '@angular/core';
import type { TaskView } from '@werkbank/shared';
import type { Params } from '@angular/router';

/** The query string each list was last shown with, so "back" from a task returns to the same filtered page. */
@Injectable({ providedIn: 'root' })
export class ListMemory {
  private readonly lists = new Map<TaskView, Params>();
  private readonly openedFrom = new Map<TaskView, string>();

  /** The task opened from a list: "back" gives the focus to its row again. */
  opened(view: TaskView, taskId: string): void {
    this.openedFrom.set(view, taskId);
  }

  /** The task opened last from this list, once: the next call answers null. */
  takeOpened(view: TaskView): string | null {
    const id = this.openedFrom.get(view) ?? null;
    this.openedFrom.delete(view);
    return id;
  }

  remember(view: TaskView, params: Params): void {
    this.lists.set(view, params);
  }

  paramsOf(view: TaskView): Params {
    return this.lists.get(view) ?? {};
  }
}
