/**
 * A workflow's own form fields as template variables, for the template
 * editor inside the builder: the desk lists the sample ticket's answers
 * (`ticket.fields.*`), which belong to another workflow, so the builder puts
 * the draft's fields in their place, each with an example where the field
 * gives one (an option or a default), and the sample answers the live
 * preview renders them with. Pure, no Svelte.
 */
import type { DraftField, DraftOption } from '../builder/draft.ts';

export type Example = string | number | boolean | null;

/** One variable as the variables panel lists it. */
export interface TemplateVariable {
  path: string;
  description: string;
  /** Undefined for a form field that gives no example: its value is whatever a ticket answers. */
  example: Example | undefined;
}

/** One form field of the draft, as a template sees it. */
export interface FormVariable {
  key: string;
  /** The field's label in the admin's language (its key when it has none). */
  label: string;
  /** The value an option or a default gives; undefined when the field gives none (a real ticket's answer is not known here). */
  example: Example | undefined;
  /** What the preview's sample ticket answers: the example, or a stand-in of the field's type. */
  sample: unknown;
}

const optionValue = (o: string | DraftOption) => (typeof o === 'string' ? o : o.value);

/** Lists and objects read as the desk lists them (JSON text); a template renders a list as `a,b`. */
const asExample = (v: unknown): Example | undefined =>
  v === undefined ? undefined : v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

function given(field: DraftField): unknown {
  if (field.default !== undefined && field.default !== null && field.default !== '') return field.default;
  const first = field.options?.[0];
  if (first === undefined) return undefined;
  return field.type === 'multiselect' ? [optionValue(first)] : optionValue(first);
}

/** A stand-in answer of the field's type, so a variable the admin puts in shows up in the preview. */
function standIn(field: DraftField, label: string, today: string): unknown {
  switch (field.type) {
    case 'checkbox': return true;
    case 'number': return field.min ?? 1;
    case 'date': return today;
    case 'email':
    case 'user': return 'alex@example.com';
    default: return `[${label}]`;
  }
}

const labelIn = (field: DraftField, locale: string) => field.label?.[locale] || field.label?.en || field.key;

/** The draft's fields (those with a key) as variables, labelled in `locale`. */
export function formVariables(fields: readonly DraftField[] | undefined, locale: string, today = new Date().toISOString().slice(0, 10)): FormVariable[] {
  return (fields ?? [])
    .filter((f) => typeof f.key === 'string' && f.key !== '')
    .map((f) => {
      const label = labelIn(f, locale);
      const value = given(f);
      return { key: f.key, label, example: asExample(value), sample: value ?? standIn(f, label, today) };
    });
}

/** The sample ticket's answers for the preview: one per field of the draft. */
export const sampleAnswers = (fields: readonly FormVariable[]): Record<string, unknown> => Object.fromEntries(fields.map((f) => [f.key, f.sample]));

const isFormAnswer = (path: string) => path.startsWith('ticket.fields.');

/**
 * The desk's list with its `ticket.fields.*` replaced by the draft's fields,
 * where those stood. With a real ticket chosen, a field it answered shows
 * that answer; the others show their example.
 */
export function withFormVariables(
  listed: readonly TemplateVariable[],
  fields: readonly FormVariable[],
  describe: (label: string) => string,
  fromTicket = false,
): TemplateVariable[] {
  const answered = new Map(listed.filter((v) => isFormAnswer(v.path)).map((v) => [v.path, v.example]));
  const own = fields.map((f): TemplateVariable => {
    const path = `ticket.fields.${f.key}`;
    return { path, description: describe(f.label), example: fromTicket && answered.has(path) ? answered.get(path)! : f.example };
  });
  const at = listed.findIndex((v) => isFormAnswer(v.path));
  const rest = listed.filter((v) => !isFormAnswer(v.path));
  // Where the answers stood (after the ticket's other facts), or after `ticket.*` when the desk listed none.
  const place = at >= 0 ? at : rest.reduce((last, v, i) => (v.path.startsWith('ticket.') ? i + 1 : last), 0);
  return [...rest.slice(0, place), ...own, ...rest.slice(place)];
}
