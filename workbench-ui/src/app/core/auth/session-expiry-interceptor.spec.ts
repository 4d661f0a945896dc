import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthService } from './auth-service';
import { sessionExpiryInterceptor } from './session-expiry-interceptor';

describe('sessionExpiryInterceptor', () => {
  const forget = jest.fn();

  beforeEach(() => {
    forget.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionExpiryInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useValue: { forget } },
      ],
    });
  });

  it('should forget the user and go to /login when an ordinary call answers 401', () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const failed = jest.fn();
    // when
    TestBed.inject(HttpClient).get('/api/tasks').subscribe({ error: failed });
    TestBed.inject(HttpTestingController).expectOne('/api/tasks').flush({}, { status: 401, statusText: 'Unauthorized' });
    // then
    expect(forget).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
    expect(failed).toHaveBeenCalled();
  });

  it('should leave a 401 of the login call to the login page', () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    // when
    TestBed.inject(HttpClient).post('/api/auth/login', {}).subscribe({ error: () => undefined });
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    // then
    expect(forget).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });
});
