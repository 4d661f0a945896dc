import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { ProcessDescription, ProcessDescriptionList } from '@werkbank/shared';
import { TranslationService } from '../i18n/translation-service';
import { processNames, type ProcessNames } from './process-names';

/**
 * The deployed processes with their names in every language (GET /api/processes), loaded once per session and
 * refreshed when a list opens, so that a newly deployed process shows up without a reload. Versions other than the
 * latest (a case started before a redeploy) are fetched when a case needs them.
 */
@Injectable({ providedIn: 'root' })
export class ProcessCatalog {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(TranslationService);
  private readonly latestVersions = signal<readonly ProcessDescription[]>([]);
  private readonly olderVersions = signal<readonly ProcessDescription[]>([]);
  private readonly requested = new Set<string>();
  private loading = false;

  readonly processes = this.latestVersions.asReadonly();
  /** Names in the current language; recomputed when the language or the catalogue changes. */
  readonly names = computed<ProcessNames>(() => processNames([...this.latestVersions(), ...this.olderVersions()], this.i18n.language()));

  /** Loads (or reloads) the latest versions; failures leave the model's English names from the API in place. */
  refresh(): void {
    if (this.loading) return;
    this.loading = true;
    this.http.get<ProcessDescriptionList>('/api/processes').subscribe({
      next: (list) => {
        this.loading = false;
        this.latestVersions.set(list.items);
      },
      error: () => (this.loading = false),
    });
  }

  /** Names of one version of a process come first for that process (a case on an older version). */
  namesFor(bpmnProcessId: string, version: number): ProcessNames {
    const exact = [...this.latestVersions(), ...this.olderVersions()].find((p) => p.bpmnProcessId === bpmnProcessId && p.version === version);
    const rest = [...this.latestVersions(), ...this.olderVersions()].filter((p) => p !== exact);
    return processNames(exact ? [exact, ...rest] : rest, this.i18n.language());
  }

  /** Fetches one version once, unless it is already known (call it from an effect: it writes a signal). */
  ensureVersion(bpmnProcessId: string, version: number): void {
    const id = `${bpmnProcessId}@${version}`;
    const known = [...this.latestVersions(), ...this.olderVersions()].some((p) => p.bpmnProcessId === bpmnProcessId && p.version === version);
    if (known || this.requested.has(id)) return;
    this.requested.add(id);
    this.http.get<ProcessDescription>(`/api/processes/${encodeURIComponent(bpmnProcessId)}/versions/${version}`).subscribe({
      next: (description) => this.olderVersions.update((list) => [...list, description]),
      error: () => undefined,
    });
  }
}
