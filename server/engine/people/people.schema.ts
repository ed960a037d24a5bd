/** The people of the desk and what each role may do (ITIL service desk roles). */
import { z } from 'zod';

export const roles = ['requester', 'agent', 'specialist', 'manager', 'admin'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** Roles that work tickets in queues. */
export const supportRoles: readonly Role[] = ['agent', 'specialist', 'manager', 'admin'];

export const locales = ['en', 'cy', 'zh-CN', 'ro'] as const;

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(role),
  locale: z.string(),
  timeZone: z.string(),
  groups: z.array(z.string()).describe('The support groups the person belongs to'),
});
export type User = z.infer<typeof user>;
