/** The API contract shared by process-api and workbench-ui: zod schemas and the types inferred from them. */
export * from './lib/problem';
export * from './lib/auth';
export * from './lib/tasks';
export * from './lib/cases';
export * from './lib/events';
export * from './lib/admin';
export * from './lib/deployments';
export * from './lib/audit';
export * from './lib/processes';
