/**
 * The sidebar's links, one line each. A new page adds its line here (its
 * section, where it lives, its words, an icon from @lucide/svelte and who may
 * see it); App.svelte still decides what each path shows.
 *
 *   { section: 'work', href: '/alerts', label: () => at('nav.alerts'), icon: Siren, for: 'staff' },
 */
import BookOpen from '@lucide/svelte/icons/book-open';
import BadgeCheck from '@lucide/svelte/icons/badge-check';
import Mail from '@lucide/svelte/icons/mail';
import Megaphone from '@lucide/svelte/icons/megaphone';
import ChartColumn from '@lucide/svelte/icons/chart-column';
import FileText from '@lucide/svelte/icons/file-text';
import Inbox from '@lucide/svelte/icons/inbox';
import LifeBuoy from '@lucide/svelte/icons/life-buoy';
import MessageSquareText from '@lucide/svelte/icons/message-square-text';
import SlidersHorizontal from '@lucide/svelte/icons/sliders-horizontal';
import Ticket from '@lucide/svelte/icons/ticket';
import Workflow from '@lucide/svelte/icons/workflow';
import type { Component } from 'svelte';
import { i18n } from '../i18n/i18n.svelte.ts';
import { kt } from '../knowledge/t.ts';
import { akt } from '../agent-knowledge/t.ts';
import { rt } from '../../routes/manager/t.ts';
import { nt } from '../announcements/t.ts';
import { apt } from '../approvals/t.ts';
import { mt } from '../mail-in/t.ts';
import { under, type NavLink } from './nav-model.ts';

export type ShellLink = NavLink<Component>;

// Desk settings are every admin page but the workflows' and the templates'.
const deskSettings = (path: string) => path.startsWith('/admin/') && !under('/admin/workflows')(path) && !under('/admin/templates')(path) && !under('/admin/mail-channels')(path);

export const navigation: ShellLink[] = [
  { section: 'portal', href: '/catalogue', label: () => i18n.t('app.nav.catalogue'), icon: LifeBuoy, for: 'everyone' },
  { section: 'portal', href: '/my-tickets', label: () => i18n.t('app.nav.myTickets'), icon: Ticket, for: 'everyone' },
  { section: 'portal', href: '/knowledge', label: () => kt('nav.knowledge'), icon: BookOpen, for: 'everyone', current: (p) => under('/knowledge')(p) && !under('/knowledge/answers')(p) },
  { section: 'work', href: '/agent', label: () => i18n.t('app.nav.workspace'), icon: Inbox, for: 'staff' },
  { section: 'work', href: '/approvals', label: () => apt('nav.awaiting'), icon: BadgeCheck, for: 'everyone' },
  { section: 'manage', href: '/manager', label: () => rt('nav.manager'), icon: ChartColumn, for: ['manager', 'admin'], current: (path) => path === '/manager' },
  { section: 'manage', href: '/manager/announcements', label: () => nt('nav.announcements'), icon: Megaphone, for: ['manager', 'admin'] },
  { section: 'admin', href: '/admin/workflows', label: () => i18n.t('app.nav.workflows'), icon: Workflow, for: ['admin'] },
  { section: 'admin', href: '/knowledge/answers', label: () => akt('nav.answers'), icon: MessageSquareText, for: ['admin'] },
  { section: 'admin', href: '/admin/templates', label: () => i18n.t('app.nav.templates'), icon: FileText, for: ['admin'] },
  { section: 'admin', href: '/admin/mail-channels', label: () => mt('nav.channels'), icon: Mail, for: ['admin'] },
  { section: 'admin', href: '/admin/queues', label: () => i18n.t('app.nav.deskSettings'), icon: SlidersHorizontal, for: ['admin'], current: deskSettings },
];

