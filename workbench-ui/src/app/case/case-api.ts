import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CaseDetail } from '@werkbank/shared';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CaseApi {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  }
}
