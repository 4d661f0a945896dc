import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import type { CurrentUser } from '@werkbank/shared';
import { AuthService } from '../core/auth/auth-service';
import { TranslationService } from '../core/i18n/translation-service';
import { Shell } from './shell';

describe('Shell', () => {
  const user = signal<CurrentUser | null>({
    username: 'lead1',
    displayName: 'Luc Dubois',
    roles: ['agent', 'team-lead'],
    groups: ['recovery-agents'],
    teams: ['recovery-north'],
    language: 'fr',
  });
  const logout = jest.fn().mockResolvedValue(undefined);

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideRouter([]), provideNoopAnimations(), { provide: AuthService, useValue: { user, logout } }],
    });
  });

  it('should show navigation and the user, translated into the chosen language', () => {
    // given
    TestBed.inject(TranslationService).setLanguage('nl');
    // when
    const fixture = TestBed.createComponent(Shell);
    fixture.detectChanges();
    // then
    const text: string = fixture.nativeElement.textContent;
    expect(text).toContain('Mijn taken');
    expect(text).toContain('Teamwachtrij');
    expect(text).toContain('Luc Dubois');
    expect(fixture.nativeElement.querySelector('button.wb-user').getAttribute('aria-label')).toBe('Gebruikersmenu van Luc Dubois');
  });

  it('should sign out and go to the login page', async () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(Shell);
    // when
    await fixture.componentInstance.logout();
    // then
    expect(logout).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/login');
  });
});
