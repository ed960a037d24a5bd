/**
 * Which fields of a form show for the values typed so far: each field's
 * `visibleWhen` is json-logic, evaluated with the same library and the same
 * context shape the server uses (`fields.*`, `requester.*`, `ticket.*`), and
 * recomputed from the visible fields' values until it settles, as the
 * server's validation does, so a field hidden here is never required there.
 */
import jsonLogic from 'json-logic-js';
import type { FormField, Me } from '../api/types.ts';

export type FieldValues = Record<string, unknown>;

export function visibleKeys(fields: readonly FormField[], values: FieldValues, requester: Me | null): Set<string> {
  const requesterFacts = requester
    ? { id: requester.id, email: requester.email, name: requester.name, locale: requester.locale, roles: requester.roles, groups: requester.groups }
    : {};
  const only = (keys: Set<string>) => Object.fromEntries(Object.entries(values).filter(([k, v]) => keys.has(k) && !isBlank(v)));
  let visible = new Set(fields.map((f) => f.key));
  for (let round = 0; round <= fields.length; round++) {
    const data = { fields: only(visible), requester: requesterFacts, ticket: {} };
    const next = new Set(fields.filter((f) => f.visibleWhen === undefined || truthy(f.visibleWhen, data)).map((f) => f.key));
    const stable = next.size === visible.size && [...next].every((k) => visible.has(k));
    visible = next;
    if (stable) break;
  }
  return visible;
}

function truthy(rule: NonNullable<FormField['visibleWhen']>, data: unknown): boolean {
  if (typeof rule === 'boolean') return rule;
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
  } catch {
    // A rule the browser cannot run shows the field; the server decides on submission.
    return true;
  }
}

/** Empty values are not sent, as the server treats them as not given. */
export const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
