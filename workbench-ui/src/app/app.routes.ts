import { Route } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth-guard';

export const appRoutes: Route[] = [
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./login/login').then((m) => m.Login) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'tasks/mine' },
      { path: 'tasks/mine', data: { view: 'mine' }, loadComponent: () => import('./tasks/task-list').then((m) => m.TaskList) },
      { path: 'tasks/group', data: { view: 'group' }, loadComponent: () => import('./tasks/task-list').then((m) => m.TaskList) },
      { path: 'tasks/:id', loadComponent: () => import('./tasks/task-detail').then((m) => m.TaskDetail) },
    ],
  },
  { path: '**', redirectTo: '' },
];
