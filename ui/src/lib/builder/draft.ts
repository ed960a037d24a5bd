/**
 * The workflow draft as the builder holds it: the admin's JSON, edited in
 * place. The visual tabs only ever touch the keys they show, so anything
 * else in the definition (escalations, lifecycle, the priority matrix, keys
 * a later desk adds) survives every round trip untouched. Pure functions,
 * no Svelte: unit-tested in test/ui/builder-draft.test.ts.
 */

import type { NotificationEvent, Priority, WorkflowInput } from '../../../../server/engine/workflow/workflow.schema.ts';
import workflowSchema from '../../../../workflows/workflow.schema.json';

/** Text per locale as the format has it; `en` is the fallback the desk requires. */
export type Text = { [locale: string]: string };

export interface DraftOption {
  value: string;
  label: Text;
  [key: string]: unknown;
}

export interface DraftField {
  key: string;
  type: string;
  label?: Text;
  help?: Text;
  required?: boolean;
  options?: (string | DraftOption)[];
  default?: unknown;
  visibleWhen?: unknown;
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  [key: string]: unknown;
}

export interface DraftRule {
  when: unknown;
  set: { category?: string; queue?: string; priority?: string; [key: string]: unknown };
  continue?: boolean;
  [key: string]: unknown;
}

export interface DraftNotification {
  on: string;
  template: string;
  to: string[];
  [key: string]: unknown;
}

export interface Draft {
  id: string;
  name?: Text;
  description?: Text;
  kind?: string;
  audience?: string[];
  titleField?: string;
  form?: { fields?: DraftField[]; [key: string]: unknown };
  priority?: { default?: string; [key: string]: unknown };
  categorise?: DraftRule[];
  defaultQueue?: string;
  sla?: string;
  notifications?: DraftNotification[];
  [key: string]: unknown;
}

// The format's lists come from its published JSON Schema (generated from the server's zod schema, checked fresh by
// test/schema-files.test.ts) and its types from the schema itself, so the builder never restates them.
const format = workflowSchema.properties;
export type FieldType = WorkflowInput['form']['fields'][number]['type'];
export const fieldTypes = format.form.properties.fields.items.properties.type.enum as readonly FieldType[];
export const kinds = format.kind.enum as readonly WorkflowInput['kind'][];
export const priorities = format.priority.properties.default.enum as readonly Priority[];
export const roles = format.audience.items.enum as readonly NonNullable<WorkflowInput['audience']>[number][];
export const notificationEvents = format.notifications.items.properties.on.enum as readonly NotificationEvent[];
/** Recipients with a meaning of their own; anything else in `to` is an e-mail address. */
export const namedRecipients = ['requester', 'assignee', 'queue', 'queue.manager'] as const;
export const isNamedRecipient = (r: string) => (namedRecipients as readonly string[]).includes(r);
const recipientsOf = (to: unknown): string[] => (Array.isArray(to) ? to.filter((r): r is string => typeof r === 'string') : []);
/** A `to` list with one named recipient ticked or not; the named ones in the usual order, the addresses after them as they were. */
export const withRecipient = (to: unknown, who: string, on: boolean): string[] => {
  const list = recipientsOf(to);
  return [...namedRecipients.filter((r) => (r === who ? on : list.includes(r))), ...list.filter((r) => !isNamedRecipient(r))];
};
/** A `to` list with its addresses replaced by those typed (separated by commas, semicolons or spaces). */
export const withAddresses = (to: unknown, typed: string): string[] => [
  ...recipientsOf(to).filter(isNamedRecipient),
  ...typed.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean),
];
/** The addresses of a `to` list, as the admin types them. */
export const addressesOf = (to: unknown): string => recipientsOf(to).filter((r) => !isNamedRecipient(r)).join(', ');

/** The same rules as the desk's `slug` and field `key` (server/engine/workflow). */
export const isSlug = (s: string) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(s);
export const isFieldKey = (s: string) => /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(s);

export const hasOptions = (type: string) => type === 'select' || type === 'multiselect';
export const isNumberType = (type: string) => type === 'number';
export const isTextType = (type: string) => type === 'text' || type === 'textarea' || type === 'email';

/** The smallest workflow the desk accepts: one field, a default priority and queue, an SLA policy. */
export function starterDraft(o: { id: string; name: string; kind: string; queue: string | undefined; sla: string | undefined; summaryLabel: string }): Draft {
  return {
    id: o.id,
    name: { en: o.name },
    kind: o.kind,
    form: { fields: [{ key: 'summary', type: 'text', required: true, maxLength: 200, label: { en: o.summaryLabel } }] },
    priority: { default: 'P4' },
    ...(o.queue ? { defaultQueue: o.queue } : {}),
    ...(o.sla ? { sla: o.sla } : {}),
  };
}

/** A copy of another workflow under a new id and name; everything else is kept as it was. */
export function copyDraft(source: unknown, o: { id: string; name: string }): Draft {
  const copy = structuredClone(source) as Draft;
  copy.id = o.id;
  copy.name = { en: o.name };
  return copy;
}

/** A new field of a type, with a key no other field uses and what the type needs to be valid. */
export function newField(type: FieldType, takenKeys: readonly string[], label: string): DraftField {
  let n = takenKeys.length + 1;
  while (takenKeys.includes(`field_${n}`)) n++;
  const field: DraftField = { key: `field_${n}`, type, label: { en: label } };
  if (hasOptions(type)) field.options = [{ value: 'option-1', label: { en: 'Option 1' } }];
  return field;
}

/**
 * Sets one language of a localised text on its holder, keeping the other
 * languages; an emptied text is removed, so an optional text that is left
 * blank is not sent as `{ "en": "" }`.
 */
export function setText(holder: Record<string, unknown>, prop: string, locale: string, value: string): void {
  const current = holder[prop];
  const text: Text = current && typeof current === 'object' ? { ...(current as Text) } : {};
  if (value) text[locale] = value;
  else delete text[locale];
  if (Object.keys(text).length) holder[prop] = text;
  else delete holder[prop];
}

/** Sets an optional key, removing it when the value is "nothing" so the JSON stays as an admin would write it. */
export function setOptional(holder: Record<string, unknown>, prop: string, value: unknown): void {
  if (value === undefined || value === '' || value === false || value === null || (typeof value === 'number' && Number.isNaN(value))) delete holder[prop];
  else holder[prop] = value;
}

/** Moves one item of a list to another place, in place. */
export function move<T>(list: T[], from: number, to: number): void {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item as T);
}

/** An option as rows show it, whichever of the two forms the JSON uses. */
export function optionView(option: string | DraftOption): { value: string; label: Text } {
  return typeof option === 'string' ? { value: option, label: {} } : { value: option.value, label: option.label ?? {} };
}

/**
 * Writes an option back: a bare string while it has no label (as admins
 * often write them), an object once it has one. Other keys of an option
 * object are kept while it stays an object.
 */
export function writeOption(previous: string | DraftOption, value: string, label: Text): string | DraftOption {
  const hasLabel = Object.values(label).some(Boolean);
  if (!hasLabel) return value;
  const rest = typeof previous === 'string' ? {} : previous;
  return { ...rest, value, label };
}

/** An option value no other option of the field uses yet. */
export function freeOptionValue(options: readonly (string | DraftOption)[]): string {
  const taken = new Set(options.map((o) => optionView(o).value));
  let n = options.length + 1;
  while (taken.has(`option-${n}`)) n++;
  return `option-${n}`;
}

/**
 * The fields as the portal's form component may safely draw them while an
 * admin is half-way through editing: only well-formed fields, texts that
 * are objects, and options that are unique (the portal keys them by value).
 */
export function previewFields(fields: readonly unknown[]): DraftField[] {
  const text = (t: unknown) => (t && typeof t === 'object' && !Array.isArray(t) ? (t as Text) : undefined);
  return fields.flatMap((f) => {
    if (!f || typeof f !== 'object') return [];
    const field = f as DraftField;
    if (typeof field.key !== 'string' || typeof field.type !== 'string') return [];
    const { label, help, options, ...rest } = field;
    const out: DraftField = { ...rest };
    if (text(label)) out.label = text(label);
    if (text(help)) out.help = text(help);
    if (Array.isArray(options)) {
      const seen = new Set<string>();
      out.options = options.filter((o): o is string | DraftOption => {
        const value = typeof o === 'string' ? o : o && typeof o === 'object' && typeof (o as DraftOption).value === 'string' ? (o as DraftOption).value : null;
        if (value === null || seen.has(value)) return false;
        seen.add(value);
        return true;
      }).map((o) => (typeof o === 'string' ? o : { value: o.value, label: text(o.label) ?? { en: o.value } }));
    }
    return [out];
  });
}

/** Drops the settings a field cannot have once its type changes (the desk refuses them). */
export function changeType(field: DraftField, type: string): void {
  field.type = type;
  if (!hasOptions(type)) delete field.options;
  else if (!field.options?.length) field.options = [{ value: 'option-1', label: { en: 'Option 1' } }];
  if (!isNumberType(type)) {
    delete field.min;
    delete field.max;
  }
  if (!isTextType(type)) {
    delete field.maxLength;
    delete field.pattern;
  }
  delete field.default;
}

/** The fields list of a draft, or null when the JSON has none the form tab could show. */
export function fieldsOf(draft: Draft): DraftField[] | null {
  const fields = draft.form?.fields;
  return Array.isArray(fields) && fields.every((f) => f && typeof f === 'object') ? fields : null;
}

/** A list at a top-level key, or null when that key holds something the visual tabs cannot show. */
export function listOf<K extends 'categorise' | 'notifications'>(draft: Draft, key: K): NonNullable<Draft[K]> | null {
  const list = draft[key];
  if (list === undefined) return [] as unknown as NonNullable<Draft[K]>;
  return Array.isArray(list) && list.every((x) => x && typeof x === 'object') ? (list as NonNullable<Draft[K]>) : null;
}

/** JSON with two-space indents, as the shipped files are written. */
export const pretty = (value: unknown) => JSON.stringify(value, null, 2);
