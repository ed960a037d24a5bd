/**
 * The alerts feature's pure logic: checking a source's mapping, reading the
 * alerts out of a payload, mapping one alert to form fields, and deciding
 * what an alert means for the alert the desk already tracks under its key.
 * No I/O and no clock of its own.
 */
import { formatPath, type Problem } from '../engine/problems.ts';
import { evaluateRule, inspectRule, isTruthy, nullPrototypeCopy } from '../engine/rules.ts';
import type { AlertMapping, AlertmanagerPayload } from './alerts.schema.ts';

/** The longest dedup key kept; a longer one is a mapping mistake. */
export const maxDedupKeyLength = 500;

/** Every problem with a mapping's rules, and fields the workflow's form does not have. */
export function mappingProblems(mapping: AlertMapping, formKeys: ReadonlySet<string> | null): Problem[] {
  const problems: Problem[] = [];
  const check = (path: (string | number)[], rule: unknown) => {
    for (const p of inspectRule(rule).problems) problems.push({ path: formatPath([...path, ...p.path]), message: p.message });
  };
  for (const [key, rule] of Object.entries(mapping.fields)) {
    if (formKeys && !formKeys.has(key)) problems.push({ path: formatPath(['mapping', 'fields', key]), message: `the workflow's form has no field "${key}"` });
    check(['mapping', 'fields', key], rule);
  }
  if (mapping.dedupKey !== undefined) check(['mapping', 'dedupKey'], mapping.dedupKey);
  check(['mapping', 'validate'], mapping.validate);
  if (mapping.status !== undefined) check(['mapping', 'status'], mapping.status);
  return problems;
}

/** One alert as a mapping sees it, and as the log keeps it. */
export interface IncomingAlert {
  /** What the rules read. */
  data: Record<string, unknown>;
  /** The alert as it came, for the log. */
  raw: unknown;
}

/** The alerts of an Alertmanager payload, each with its group's labels beside its own. */
export function alertmanagerAlerts(payload: AlertmanagerPayload): IncomingAlert[] {
  const group = {
    receiver: payload.receiver,
    groupKey: payload.groupKey,
    groupLabels: payload.groupLabels,
    commonLabels: payload.commonLabels,
    commonAnnotations: payload.commonAnnotations,
    externalURL: payload.externalURL,
  };
  return payload.alerts.map((a) => ({ data: { ...group, ...a }, raw: a }));
}

/** A generic source's alerts: a list, an object's `alerts` list, or the object itself. */
export function genericAlerts(body: unknown): IncomingAlert[] {
  const list = Array.isArray(body) ? body : body !== null && typeof body === 'object' && Array.isArray((body as { alerts?: unknown }).alerts) ? ((body as { alerts: unknown[] }).alerts) : [body];
  return list.map((a) => ({ data: (a !== null && typeof a === 'object' && !Array.isArray(a) ? a : { value: a }) as Record<string, unknown>, raw: a }));
}

export type MappedAlert =
  | {
      ok: true;
      dedupKey: string;
      status: 'firing' | 'resolved';
      fields: Record<string, unknown>;
      validate: boolean;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      generatorURL: string | null;
      startsAt: string | null;
    }
  | { ok: false; dedupKey: string | null; status: 'firing' | 'resolved' | null; error: string };

const stringMap = (v: unknown): Record<string, string> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([, s]) => typeof s === 'string')) as Record<string, string>;
};

/** What a mapping makes of one alert; a rule that throws or gives nothing usable fails this alert only. */
export function mapAlert(mapping: AlertMapping, kind: 'alertmanager' | 'generic', alert: IncomingAlert): MappedAlert {
  const data = nullPrototypeCopy(alert.data);
  let dedupKey: string | null = null;
  let status: 'firing' | 'resolved' | null = null;
  try {
    const keyRule = mapping.dedupKey ?? (kind === 'alertmanager' ? { var: 'fingerprint' } : undefined);
    if (keyRule === undefined) return { ok: false, dedupKey, status, error: 'the source has no dedupKey rule' };
    const key = evaluateRule(keyRule, data, { prepared: true });
    if (typeof key === 'string' || typeof key === 'number') dedupKey = String(key).slice(0, maxDedupKeyLength);
    const said = evaluateRule(mapping.status ?? { var: 'status' }, data, { prepared: true });
    status = said === 'resolved' ? 'resolved' : 'firing';
    if (!dedupKey) return { ok: false, dedupKey: null, status, error: 'the dedup key came out empty' };
    const fields: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(mapping.fields)) {
      const value = evaluateRule(rule, data, { prepared: true });
      if (value !== null && value !== undefined && value !== '') fields[name] = value;
    }
    const validate = isTruthy(evaluateRule(mapping.validate, data, { prepared: true }));
    const startsAt = typeof alert.data.startsAt === 'string' ? alert.data.startsAt : null;
    return {
      ok: true,
      dedupKey,
      status,
      fields,
      validate,
      labels: stringMap(alert.data.labels),
      annotations: stringMap(alert.data.annotations),
      generatorURL: typeof alert.data.generatorURL === 'string' ? alert.data.generatorURL : null,
      startsAt,
    };
  } catch (error) {
    return { ok: false, dedupKey, status, error: `the mapping failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The alert already tracked under a key, with its incident's state. */
export interface KnownAlert {
  status: 'firing' | 'resolved';
  review: 'awaiting' | 'accepted' | 'linked' | 'dismissed' | null;
  ticketId: number | null;
  /** The incident's state class, when it has one. */
  ticketClass: string | null;
  /** When the alert last resolved (or its incident was resolved). */
  resolvedAt: string | null;
}

export type AlertDecision =
  | { kind: 'new' }
  /** Same alert again: count it; an incident gets a "fired again" event. */
  | { kind: 'again' }
  /** The alert resolved: resolve its incident (or tell whoever works it). */
  | { kind: 'resolve' }
  /** It resolved again, or resolved while awaiting validation: note it. */
  | { kind: 'note' }
  /** It fired again soon after resolving: reopen the same incident. */
  | { kind: 'reopen' };

const active = (c: string | null) => c === 'new' || c === 'open' || c === 'pending';

/**
 * What an incoming alert means, given the alert tracked under its key (the
 * newest one). Flapping is firing again within `flapMinutes` of resolving.
 */
export function decide(known: KnownAlert | undefined, status: 'firing' | 'resolved', now: Date, flapMinutes: number): AlertDecision {
  if (!known) return status === 'firing' ? { kind: 'new' } : { kind: 'note' };
  const sinceResolved = known.resolvedAt ? now.getTime() - Date.parse(known.resolvedAt) : Infinity;
  const flapping = sinceResolved <= flapMinutes * 60_000;
  if (known.review === 'awaiting' || known.review === 'dismissed') {
    if (status === 'resolved') return { kind: 'note' };
    return known.status === 'firing' || flapping ? { kind: 'again' } : { kind: 'new' };
  }
  if (known.ticketId !== null && active(known.ticketClass)) {
    if (status === 'resolved') return known.status === 'resolved' ? { kind: 'note' } : { kind: 'resolve' };
    return { kind: 'again' };
  }
  // The incident is resolved or closed.
  if (status === 'resolved') return { kind: 'note' };
  return flapping && known.ticketId !== null ? { kind: 'reopen' } : { kind: 'new' };
}

/** A link to where the alert came from, only when it is http or https. */
export function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The alert as the log keeps it: JSON, cut at `cap` characters. */
export function logText(raw: unknown, cap: number): { text: string; truncated: boolean } {
  const text = JSON.stringify(raw) ?? 'null';
  return text.length > cap ? { text: text.slice(0, cap), truncated: true } : { text, truncated: false };
}
