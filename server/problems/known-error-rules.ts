/**
 * The pure rules of problems and known errors: which language a reader
 * gets, whether an incident's words carry a known error's symptom, where a
 * problem goes when it is resolved, and one mail per person for a change
 * that would otherwise send two (a reply and a resolution). No I/O.
 */
import { queryWords } from '../knowledge/search-query.ts';
import type { Lifecycle } from '../engine/workflow/lifecycle.schema.ts';
import type { TicketChange } from '../engine/tickets/ticket-case.ts';

/** The translation a reader of `locale` gets: theirs, else English, else the first there is. */
export function pickLocale(available: readonly string[], locale: string): string | undefined {
  return available.includes(locale) ? locale : available.includes('en') ? 'en' : [...available].sort()[0];
}

const suffixes = ['ingly', 'edly', 'ing', 'ies', 'ied', 'ed', 'es', 's'];

/** A light stem, so "disconnects", "disconnected" and "disconnecting" count as one word. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of suffixes) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** The telling words of a text, stemmed. */
export function symptomWords(text: string): Set<string> {
  return new Set(queryWords(text).map(stem));
}

/**
 * Whether an incident's text carries a symptom: at least half of the
 * symptom's telling words, and at least two of them when it has two or
 * more, so one shared word ("printer") is not a match.
 */
export function carriesSymptom(symptom: string, incidentText: string): boolean {
  const wanted = symptomWords(symptom);
  if (!wanted.size) return false;
  const have = symptomWords(incidentText);
  const found = [...wanted].filter((w) => have.has(w)).length;
  return found >= Math.ceil(wanted.size / 2) && found >= Math.min(2, wanted.size);
}

/** The words of a ticket: its title and the text of its fields. */
export function ticketText(ticket: { title: string; fields: Record<string, unknown> }): string {
  const values = Object.values(ticket.fields).flatMap((v) => (Array.isArray(v) ? v : [v]));
  return [ticket.title, ...values.filter((v) => typeof v === 'string')].join(' ');
}

/** The first state of class `resolved` a ticket in `from` can move to, if any. */
export function resolvedTarget(lifecycle: Lifecycle, from: string): string | undefined {
  const resolved = new Set(lifecycle.states.filter((s) => s.class === 'resolved').map((s) => s.id));
  return lifecycle.transitions.find((t) => t.from.includes(from) && resolved.has(t.to))?.to;
}

/**
 * Keeps the first message to each address and drops the rest (with their
 * history entries): resolving with a reply then mails the requester the
 * reply, which names the ticket and links to it, not a second mail too.
 */
export function oneMailEach(change: TicketChange): TicketChange {
  const kept = new Set<string>();
  const dropped: { template: string; to: string }[] = [];
  const notifications = change.notifications.filter((n) => {
    const to = n.recipient.email.toLowerCase();
    if (!kept.has(to)) {
      kept.add(to);
      return true;
    }
    dropped.push({ template: n.template, to });
    return false;
  });
  const events = change.events.filter((e) => {
    if (e.type !== 'notification.queued' && e.type !== 'notification.failed') return true;
    const at = dropped.findIndex((d) => d.template === e.data.template && d.to === String(e.data.to).toLowerCase());
    if (at === -1) return true;
    dropped.splice(at, 1);
    return false;
  });
  return { ...change, notifications, events };
}
