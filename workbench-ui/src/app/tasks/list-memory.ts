import { Injectable } from '@angular/core';
import type { TaskView } from '@werkbank/shared';
import type { Params } from '@angular/router';

/** The query string each list was last shown with, so "back" from a task returns to the same filtered page. */
@Injectable({ providedIn: 'root' })
export class ListMemory {
  private readonly lists = new Map<TaskView, Params>();

  remember(view: TaskView, params: Params): void {
    this.lists.set(view, params);
  }

  paramsOf(view: TaskView): Params {
    return this.lists.get(view) ?? {};
  }
}
