/** What to tell a person about a failed request, in their language; never the raw answer. */
import type { ApiProblem } from './api/problem.ts';
import { i18n } from './i18n/i18n.svelte.ts';

export function problemText(p: ApiProblem): string {
  if (p.code === 'network') return i18n.t('error.network');
  if (p.status >= 500 || p.code === 'internal') return i18n.t('error.internal');
  if (p.status === 401) return i18n.t('error.signedOut');
  if (p.status === 404) return i18n.t('error.notFound');
  if (p.status === 403 && !p.detail) return i18n.t('error.forbidden');
  return p.detail || i18n.t('error.generic');
}

/** A field's message from the server, in the UI's words where the desk's wording is known. */
export function fieldMessage(message: string): string {
  if (message === 'is required' || message === 'is required for this change') return i18n.t('form.msg.required');
  if (message.startsWith('does not have the expected format')) return i18n.t('form.msg.format');
  if (message.startsWith('must be an e-mail address')) return i18n.t('form.msg.email');
  return message;
}
