import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, of } from 'rxjs';

/**
 * The engine's "now" (GET /api/clock). Due dates and "overdue" are judged by it, not by the browser: in demo mode
 * the engine clock runs ahead of the wall clock.
 */
@Injectable({ providedIn: 'root' })
export class EngineClock {
  private readonly http = inject(HttpClient);

  now(): Observable<Date> {
    return this.http.get<{ now: string }>('/api/clock').pipe(
      map((clock) => new Date(clock.now)),
      // Better an approximate "overdue" than none: the browser's time when the engine's is not available.
      catchError(() => of(new Date())),
    );
  }
}
