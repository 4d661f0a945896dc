import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TaskApi } from './task-api';

describe('TaskApi', () => {
  let api: TaskApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(TaskApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should send filters, sort and paging as query parameters and leave out empty ones', () => {
    // given
    let total = -1;
    // when
    api
      .list({ view: 'group', employer: 'bakker', amountMin: '100.5', amountMax: undefined, step: '', sort: 'amountDue', direction: 'desc', page: 2, size: 25 })
      .subscribe((list) => (total = list.total));
    const request = http.expectOne((r) => r.url === '/api/tasks');
    request.flush({ items: [], total: 7, totalIsExact: true });
    // then
    expect(request.request.params.keys().sort()).toEqual(['amountMin', 'direction', 'employer', 'page', 'size', 'sort', 'view']);
    expect(request.request.params.get('sort')).toBe('amountDue');
    expect(request.request.params.get('page')).toBe('2');
    expect(total).toBe(7);
  });

  it('should claim with the version it saw', () => {
    // when
    api.claim({ id: '42', version: 3 }).subscribe();
    const request = http.expectOne('/api/tasks/42/claim');
    request.flush({});
    // then
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ version: 3 });
  });

  it('should assign to a team member and complete with variables', () => {
    // when
    api.assign({ id: '42', version: 3 }, 'agent2').subscribe();
    api.complete({ id: '42', version: 4 }, { contactOutcome: 'promise' }).subscribe();
    // then
    expect(http.expectOne('/api/tasks/42/assign').request.body).toEqual({ version: 3, assignee: 'agent2' });
    expect(http.expectOne('/api/tasks/42/complete').request.body).toEqual({ version: 4, variables: { contactOutcome: 'promise' } });
  });

  it('should list the members of a candidate group', () => {
    // when
    api.members('recovery-agents').subscribe();
    // then
    const request = http.expectOne((r) => r.url === '/api/users');
    expect(request.request.params.get('group')).toBe('recovery-agents');
    request.flush([]);
  });

  it('should list only the members of my teams when asked', () => {
    api.members('recovery-agents', true).subscribe();
    const request = http.expectOne((r) => r.url === '/api/users');
    expect(request.request.params.get('team')).toBe('mine');
    request.flush([]);
  });
});
