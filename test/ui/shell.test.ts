/**
 * The app shell's logic that needs no browser: which sidebar links each role
 * sees and which one is the page open, where the header's search goes, an
 * avatar's initials, the ticket list's SLA column, and the shell's words in
 * every language the UI speaks.
 */
import { describe, expect, it } from 'vitest';
import { listSla, type ListSlaTicket } from '../../ui/src/lib/components/list-sla.ts';
import { isCurrent, under, visibleSections, type NavLink } from '../../ui/src/lib/shell/nav-model.ts';
import { initials, tone } from '../../ui/src/lib/shell/initials.ts';
import { searchUrl } from '../../ui/src/lib/shell/ticket-search.ts';
import { shellEn } from '../../ui/src/lib/i18n/shell/en.ts';
import { shellCy } from '../../ui/src/lib/i18n/shell/cy.ts';
import { shellRo } from '../../ui/src/lib/i18n/shell/ro.ts';
import { shellZhCN } from '../../ui/src/lib/i18n/shell/zh-CN.ts';

const link = (section: NavLink['section'], href: string, audience: NavLink['for'], current?: NavLink['current']): NavLink => ({ section, href, label: () => href, icon: null, for: audience, ...(current ? { current } : {}) });
const links = [
  link('portal', '/catalogue', 'everyone'),
  link('work', '/agent', 'staff'),
  link('manage', '/reports', ['manager']),
  link('admin', '/admin/workflows', ['admin']),
  link('portal', '/my-tickets', 'everyone'),
];
const hrefs = (roles: string[]) => visibleSections(links, roles).map((s) => [s.section, s.links.map((l) => l.href)]);

describe('the sidebar', () => {
  it('shows each role its sections in order, and leaves out the empty ones', () => {
    expect(hrefs(['requester'])).toEqual([['portal', ['/catalogue', '/my-tickets']]]);
    expect(hrefs(['agent'])).toEqual([['portal', ['/catalogue', '/my-tickets']], ['work', ['/agent']]]);
    expect(hrefs(['manager'])).toEqual([['portal', ['/catalogue', '/my-tickets']], ['work', ['/agent']], ['manage', ['/reports']]]);
    expect(hrefs(['admin'])).toEqual([['portal', ['/catalogue', '/my-tickets']], ['work', ['/agent']], ['admin', ['/admin/workflows']]]);
    expect(hrefs([])).toEqual([['portal', ['/catalogue', '/my-tickets']]]);
  });

  it('marks the page open: its own path and the pages under it, not a path that merely starts alike', () => {
    expect(isCurrent(link('work', '/agent', 'staff'), '/agent')).toBe(true);
    expect(isCurrent(link('work', '/agent', 'staff'), '/agent/tickets/4')).toBe(true);
    expect(isCurrent(link('work', '/agent', 'staff'), '/agents-guide')).toBe(false);
    const settings = link('admin', '/admin/queues', ['admin'], (p) => p.startsWith('/admin/') && !under('/admin/workflows')(p));
    expect(isCurrent(settings, '/admin/calendars/uk')).toBe(true);
    expect(isCurrent(settings, '/admin/workflows/it-incident')).toBe(false);
  });
});

describe('the header search', () => {
  it('goes to the workspace’s text search, keeping the list’s filters when already on it', () => {
    expect(searchUrl(' vpn ', '/catalogue', new URLSearchParams('x=1'))).toBe('/agent?q=vpn');
    expect(searchUrl('vpn', '/agent', new URLSearchParams('queue=network&priority=P1&q=old'))).toBe('/agent?queue=network&priority=P1&q=vpn');
    expect(searchUrl('', '/agent', new URLSearchParams('queue=network&q=old'))).toBe('/agent?queue=network');
  });
});

describe('avatars', () => {
  it('shows the first and last initials, one character for a name in a script without capitals', () => {
    expect(initials('Sam Agent')).toBe('SA');
    expect(initials('Mary Ann de la Cruz')).toBe('MC');
    expect(initials('  ada ')).toBe('A');
    expect(initials('王小明')).toBe('王');
    expect(initials('')).toBe('?');
    expect(tone('Sam Agent')).toBe(tone('Sam Agent'));
    expect(new Set(['Sam Agent', 'Mo Manager', 'Ada Admin', 'Nia Specialist', 'Alex Requester'].map(tone)).size).toBeGreaterThan(1);
  });
});

describe('the ticket list’s SLA column', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const base: ListSlaTicket = { statusClass: 'open', createdAt: '2026-12-03T08:00:00Z', slaRestartedAt: null, slaDue: { resolution: '2026-12-03T18:00:00Z' }, resolution: null, closedAt: null };

  it('counts down the time left, says "due soon" in the last fifth, and counts up once it is over', () => {
    expect(listSla(base, now)).toMatchObject({ state: 'running', remainingMinutes: 360, breached: false });
    expect(listSla({ ...base, slaDue: { resolution: '2026-12-03T12:30:00Z' } }, now)).toMatchObject({ state: 'warning', remainingMinutes: 30 });
    expect(listSla({ ...base, slaDue: { resolution: '2026-12-03T10:45:00Z' } }, now)).toMatchObject({ state: 'breached', remainingMinutes: -75, breached: true });
    // A reopen restarted the clock: "due soon" is measured from then.
    expect(listSla({ ...base, slaRestartedAt: '2026-12-03T11:30:00Z', slaDue: { resolution: '2026-12-03T13:00:00Z' } }, now)).toMatchObject({ state: 'running' });
  });

  it('shows a waiting ticket as paused, and a resolved one as met or breached by when it was resolved', () => {
    expect(listSla({ ...base, statusClass: 'pending', slaDue: { resolution: null } }, now)).toMatchObject({ state: 'paused' });
    expect(listSla({ ...base, statusClass: 'resolved', resolution: { resolvedAt: '2026-12-03T11:00:00Z' } }, now)).toMatchObject({ state: 'met' });
    expect(listSla({ ...base, statusClass: 'closed', resolution: { resolvedAt: '2026-12-03T19:00:00Z' } }, now)).toMatchObject({ state: 'breached' });
    expect(listSla({ ...base, slaDue: { resolution: null } }, now)).toBeNull();
  });
});

describe('the shell’s words', () => {
  it('has every English phrase in Welsh, Romanian and Chinese, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of [shellCy, shellRo, shellZhCN]) {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(shellEn).sort());
      for (const [key, text] of Object.entries(shellEn)) expect(placeholders(catalogue[key as keyof typeof shellEn]), key).toEqual(placeholders(text));
    }
  });
});
