/**
 * What the app shell's navigation decides, without Svelte: which sections
 * and links a person sees for their roles, and which link is the page they
 * are on. navigation.ts holds the desk's own list of links.
 */

/** Who sees a link: anyone signed in, staff (any desk role), or people holding one of the roles. */
export type Audience = 'everyone' | 'staff' | readonly string[];

/** The sidebar's groups, in the order they show. */
export const sections = ['portal', 'work', 'manage', 'admin'] as const;
export type Section = (typeof sections)[number];

export interface NavLink<Icon = unknown> {
  section: Section;
  href: string;
  /** The link's words, read when the sidebar renders (so they follow the language). */
  label: () => string;
  icon: Icon;
  for: Audience;
  /** Whether the page open is this link's; by default the href itself or any path under it. */
  current?: (path: string) => boolean;
}

export const staffRoles = ['agent', 'specialist', 'manager', 'admin'];

export function maySee(audience: Audience, roles: readonly string[]): boolean {
  if (audience === 'everyone') return true;
  if (audience === 'staff') return roles.some((r) => staffRoles.includes(r));
  return roles.some((r) => audience.includes(r));
}

/** A path is under an href when it is the href or goes on past a "/". */
export const under = (href: string) => (path: string) => path === href || path.startsWith(href.endsWith('/') ? href : `${href}/`);

export const isCurrent = (link: Pick<NavLink, 'href' | 'current'>, path: string): boolean => (link.current ?? under(link.href))(path);

/** The sections a person sees, each with its links in the list's order; empty sections are left out. */
export function visibleSections<L extends NavLink>(links: readonly L[], roles: readonly string[]): { section: Section; links: L[] }[] {
  return sections
    .map((section) => ({ section, links: links.filter((l) => l.section === section && maySee(l.for, roles)) }))
    .filter((s) => s.links.length > 0);
}
