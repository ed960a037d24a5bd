/**
 * What changed between two workflow definitions, in the admin's terms:
 * form fields added, removed, moved or changed (and which of their
 * properties), categorise rules, the priority default and matrix cells, the
 * SLA policy, notifications, escalation rules, and any other key. Shown
 * before publishing and beside an old version. Pure; compare definitions
 * with defaults filled in on both sides (the validate endpoint gives the
 * draft's), or a missing default reads as a change.
 */

type Json = Record<string, unknown>;

export type DiffSection = 'fields' | 'categorise' | 'priority' | 'sla' | 'notifications' | 'escalations' | 'other';
export const diffSections: readonly DiffSection[] = ['fields', 'categorise', 'priority', 'sla', 'notifications', 'escalations', 'other'];

export interface PropertyChange {
  /** e.g. "label.en", "required", "options", "set.queue", "matrix.team.high". */
  property: string;
  /** Short values for people, when the value is one (text, a number, a list of words); left out when it was absent or is structured. */
  from?: string;
  to?: string;
}

export interface DiffItem {
  section: DiffSection;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  /** A field's key, a rule's or notification's 1-based position, an escalation's id, a top-level key. */
  subject: string;
  /** A field's English label, a notification's "event → template": what people recognise it by. */
  label?: string;
  properties: PropertyChange[];
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** JSON with object keys sorted, so key order never reads as a change. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((s) => typeof s === 'string');

/** A value short enough to show inline, or undefined. */
function short(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return undefined;
}

function change(property: string, from: unknown, to: unknown): PropertyChange {
  const f = short(from);
  const t = short(to);
  return { property, ...(f !== undefined ? { from: f } : {}), ...(t !== undefined ? { to: t } : {}) };
}

/** The changed properties of two objects: texts per language, scalars with their values, the rest by name. */
export function propertyChanges(before: Json, after: Json, prefix = ''): PropertyChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const out: PropertyChange[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if ((isText(a) || a === undefined) && (isText(b) || b === undefined) && (a ?? b) !== undefined) {
      for (const locale of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
        if (a?.[locale] !== b?.[locale]) out.push(change(`${prefix}${key}.${locale}`, a?.[locale], b?.[locale]));
      }
    } else out.push(change(`${prefix}${key}`, a, b));
  }
  return out;
}

/** Pairs of indexes of equal items in the longest common subsequence of two lists. */
function commonRun<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const len = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i]![j] = eq(a[i]!, b[j]!) ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (eq(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * An ordered list whose items have no identity (rules, notifications):
 * unchanged items are the longest common run; between two of them, the
 * items left are changed pairwise, and the rest added or removed.
 */
function listDiff(before: readonly unknown[], after: readonly unknown[], section: DiffSection, label: (item: Json) => string | undefined): DiffItem[] {
  const anchors = [...commonRun(before, after, same), [before.length, after.length] as [number, number]];
  const out: DiffItem[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of anchors) {
    const removed = before.slice(i, ai);
    const added = after.slice(j, bj);
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++) {
      const a = removed[k];
      const b = added[k];
      const after = isObject(b) ? b : {};
      out.push({ section, kind: 'changed', subject: String(j + k + 1), ...withLabel(label(after)), properties: propertyChanges(isObject(a) ? a : {}, after) });
    }
    for (let k = pairs; k < added.length; k++) out.push({ section, kind: 'added', subject: String(j + k + 1), ...withLabel(label(added[k] as Json)), properties: [] });
    for (let k = pairs; k < removed.length; k++) out.push({ section, kind: 'removed', subject: String(i + k + 1), ...withLabel(label(removed[k] as Json)), properties: [] });
    i = ai + 1;
    j = bj + 1;
  }
  return out;
}

const withLabel = (label: string | undefined) => (label ? { label } : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const fieldsOf = (d: Json) => list(isObject(d.form) ? d.form.fields : undefined).filter(isObject);
const fieldLabel = (f: Json) => (isText(f.label) ? f.label.en : undefined);

function fieldDiff(before: Json, after: Json): DiffItem[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const byKey = (fields: Json[]) => new Map(fields.map((f) => [String(f.key), f]));
  const was = byKey(a);
  const is = byKey(b);
  const out: DiffItem[] = [];
  for (const f of b) {
    const key = String(f.key);
    const old = was.get(key);
    if (!old) out.push({ section: 'fields', kind: 'added', subject: key, ...withLabel(fieldLabel(f)), properties: [] });
    else if (!same(old, f)) out.push({ section: 'fields', kind: 'changed', subject: key, ...withLabel(fieldLabel(f)), properties: propertyChanges(old, f) });
  }
  for (const f of a) if (!is.has(String(f.key))) out.push({ section: 'fields', kind: 'removed', subject: String(f.key), ...withLabel(fieldLabel(f)), properties: [] });
  // Fields both have, in a different order: those outside the longest run that kept its order moved.
  const keptA = a.map((f) => String(f.key)).filter((k) => is.has(k));
  const keptB = b.map((f) => String(f.key)).filter((k) => was.has(k));
  const stayed = new Set(commonRun(keptA, keptB, (x, y) => x === y).map(([i]) => keptA[i]));
  for (const key of keptB) if (!stayed.has(key)) out.push({ section: 'fields', kind: 'moved', subject: key, ...withLabel(fieldLabel(is.get(key)!)), properties: [] });
  return out;
}

function priorityDiff(before: Json, after: Json): DiffItem[] {
  const a = isObject(before.priority) ? before.priority : {};
  const b = isObject(after.priority) ? after.priority : {};
  if (same(a, b)) return [];
  const { matrix: ma, ...restA } = a;
  const { matrix: mb, ...restB } = b;
  const properties = propertyChanges(restA, restB);
  const cells = (m: unknown) => new Map(Object.entries(isObject(m) ? m : {}).flatMap(([impact, row]) => Object.entries(isObject(row) ? row : {}).map(([urgency, p]) => [`${impact}.${urgency}`, p] as const)));
  const ca = cells(ma);
  const cb = cells(mb);
  for (const cell of new Set([...ca.keys(), ...cb.keys()])) if (!same(ca.get(cell), cb.get(cell))) properties.push(change(`matrix.${cell}`, ca.get(cell), cb.get(cell)));
  return [{ section: 'priority', kind: 'changed', subject: 'priority', properties }];
}

function escalationDiff(before: Json, after: Json): DiffItem[] {
  const keyed = (rules: unknown[]) => new Map(rules.filter(isObject).map((r, i) => [typeof r.id === 'string' ? r.id : `#${i + 1}`, r]));
  const a = keyed(list(before.escalations));
  const b = keyed(list(after.escalations));
  const out: DiffItem[] = [];
  for (const [key, rule] of b) {
    const old = a.get(key);
    if (!old) out.push({ section: 'escalations', kind: 'added', subject: key, properties: [] });
    else if (!same(old, rule)) out.push({ section: 'escalations', kind: 'changed', subject: key, properties: propertyChanges(old, rule) });
  }
  for (const key of a.keys()) if (!b.has(key)) out.push({ section: 'escalations', kind: 'removed', subject: key, properties: [] });
  return out;
}

const sectionKeys = new Set(['$schema', 'id', 'categorise', 'priority', 'sla', 'notifications', 'escalations']);

/** Every change from `before` to `after`, grouped by section in `diffSections` order. */
export function diffWorkflows(before: Json, after: Json): DiffItem[] {
  const out: DiffItem[] = [
    ...fieldDiff(before, after),
    ...listDiff(list(before.categorise), list(after.categorise), 'categorise', (r) => (isObject(r.set) ? short(r.set.queue) : undefined)),
    ...priorityDiff(before, after),
    ...(same(before.sla, after.sla) ? [] : [{ section: 'sla' as const, kind: 'changed' as const, subject: 'sla', properties: [change('sla', before.sla, after.sla)] }]),
    ...listDiff(list(before.notifications), list(after.notifications), 'notifications', (n) => `${String(n.on)} → ${String(n.template)}`),
    ...escalationDiff(before, after),
  ];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    if (sectionKeys.has(key) || same(before[key], after[key])) continue;
    if (key === 'form') {
      const { fields: _a, ...restA } = isObject(before.form) ? before.form : {};
      const { fields: _b, ...restB } = isObject(after.form) ? after.form : {};
      if (!same(restA, restB)) out.push({ section: 'other', kind: 'changed', subject: 'form', properties: propertyChanges(restA, restB, 'form.') });
      continue;
    }
    const kind = before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed';
    const properties = isObject(before[key]) && isObject(after[key]) ? propertyChanges(before[key] as Json, after[key] as Json, `${key}.`) : [change(key, before[key], after[key])];
    out.push({ section: 'other', kind, subject: key, properties });
  }
  return out;
}

/** The items of one section, for showing them grouped. */
export const inSection = (items: readonly DiffItem[], section: DiffSection) => items.filter((i) => i.section === section);
