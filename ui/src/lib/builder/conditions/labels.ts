/**
 * The words for facts and operators in the admin's language: a form field
 * by its own label, the desk's facts and the operators from the builder
 * catalogues, an operator by the kind of fact it is about ("is ticked",
 * "is before") when it has a word of its own there.
 */
import { i18n } from '../../i18n/i18n.svelte.ts';
import { builderEn } from '../../i18n/builder/en.ts';
import type { Text } from '../draft.ts';
import { bt, type BuilderKey } from '../t.ts';
import type { Fact, FactKind, FactOption, OperatorChoice } from './facts.ts';

const has = (key: string): key is BuilderKey => key in builderEn;

/** Text in the chosen language, else English, else any. */
export const textOf = (t: Text | undefined): string => (t ? (t[i18n.locale] ?? t.en ?? Object.values(t)[0] ?? '') : '');

/** A fact as the picker names it: "Needs a laptop", "Ticket priority", "Resolution: share of the target used". */
export function factLabel(fact: Fact): string {
  if (fact.source === 'fields') return textOf(fact.label) || fact.variable.slice('fields.'.length);
  if (fact.source === 'sla') {
    const [, clock, name] = fact.variable.split('.');
    const key = `fact.sla.${name}`;
    return bt('fact.sla', { clock: bt(clock === 'response' ? 'fact.sla.response' : 'fact.sla.resolution'), fact: has(key) ? bt(key) : name ?? '' });
  }
  const key = `fact.${fact.variable}`;
  return has(key) ? bt(key) : fact.variable;
}

/** An operator's words for a kind of fact. */
export function operatorLabel(kind: FactKind, c: OperatorChoice): string {
  const own = `op.${kind}.${c.id}`;
  if (has(own)) return bt(own);
  const general = `op.${c.id}`;
  return has(general) ? bt(general) : c.id;
}

/** An option's words: its label in the chosen language, else its value. */
export const optionLabel = (o: FactOption): string => textOf(o.label) || o.value;
