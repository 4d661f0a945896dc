import { z } from 'zod';

export const roleSchema = z.enum(['agent', 'team-lead', 'designer', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const languageSchema = z.enum(['nl', 'fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  /** Candidate groups the user belongs to (e.g. `recovery-agents`). */
  groups: z.array(z.string()),
  /** Teams the user belongs to (e.g. `recovery-north`). */
  teams: z.array(z.string()),
  language: languageSchema,
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResponseSchema = z.object({
  user: currentUserSchema,
  /** Bearer token for API clients; browsers use the httpOnly session cookie instead. */
  token: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** What the login page offers (GET /api/auth/config): the password form, a provider's button, or both. */
export const authConfigSchema = z.object({
  localLogin: z.boolean(),
  oidc: z.object({ providerName: z.string(), loginUrl: z.string() }).nullable(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const teamMemberSchema = z.object({ username: z.string(), displayName: z.string() });
export type TeamMember = z.infer<typeof teamMemberSchema>;
