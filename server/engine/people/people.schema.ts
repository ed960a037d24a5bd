/** The people of the desk and what each role may do (ITIL service desk roles). */
import { z } from 'zod';

export const roles = ['requester', 'agent', 'specialist', 'manager', 'admin'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** Roles that work tickets in queues. */
export const supportRoles: readonly Role[] = ['agent', 'specialist', 'manager', 'admin'];

/** The languages the desk speaks: the web UI in all of them; notification templates fall back to `en` where a locale has none. */
export const locales = ['en', 'cy', 'zh-CN', 'ro'] as const;
export type Locale = (typeof locales)[number];

/** An IANA time zone the runtime knows ("Europe/London", "UTC"); offsets such as "+01:00" are refused. */
export const timeZoneName = z
  .string()
  .refine((zone) => canonicalTimeZone(zone) !== undefined, 'must be an IANA time zone like "Europe/London"');

/** The runtime's own spelling of an IANA time zone ("europe/london" → "Europe/London"), or undefined for anything else. */
export function canonicalTimeZone(zone: string): string | undefined {
  if (zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(role),
  locale: z.string().describe('The language of their notifications, and of the web UI once they chose it'),
  timeZone: z.string().describe('The time zone of the times in their notifications, and in the web UI once they chose it'),
  localeChosen: z.boolean().describe('Whether they chose their language themselves (`PATCH /api/me`); until then the web UI follows their browser'),
  timeZoneChosen: z.boolean().describe('Whether they chose their time zone themselves; until then the web UI uses the browser\'s'),
  groups: z.array(z.string()).describe('The support groups the person belongs to'),
  deactivatedAt: z.string().nullable().describe('When an admin deactivated the account (it cannot sign in and queues skip it); null while it is active'),
});
export type User = z.infer<typeof user>;

/**
 * What a person may change about themselves: their language and time zone.
 * `null` goes back to following the browser (the stored value stays, for
 * notifications). Nothing else: roles, groups and e-mail are an admin's.
 */
export const preferencesChange = z
  .object({
    locale: z.enum(locales).nullable().optional().describe('One of the languages the desk speaks; null to follow the browser again'),
    timeZone: timeZoneName.nullable().optional().describe('An IANA time zone like "Europe/London"; null to follow the browser again'),
  })
  .strict();
export type PreferencesChange = z.infer<typeof preferencesChange>;

/**
 * What an admin may change about an account (`PATCH /api/admin/users/{id}`);
 * fields left out stay as they are. E-mail stays: it is how people and
 * rotas are known. A new password has its own route.
 */
export const accountChange = z
  .object({
    name: z.string().min(1).max(200).optional(),
    roles: z.array(role).min(1).optional(),
    groups: z.array(z.string()).max(200).optional().describe('Every support group the person belongs to; left out ones are left'),
    locale: z.enum(locales).optional().describe('The language of their notifications'),
    timeZone: timeZoneName.optional().describe('An IANA time zone like "Europe/London", for the times in their notifications'),
    active: z.boolean().optional().describe('false deactivates the account: it cannot sign in, its sessions end and its API tokens are refused; true reactivates it'),
  })
  .strict();
export type AccountChange = z.infer<typeof accountChange>;

/** A password an admin sets for an account: the same rule as when creating one. */
export const newPassword = z.string().min(12, 'must be at least 12 characters').max(1000);
