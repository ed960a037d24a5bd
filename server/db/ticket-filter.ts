/**
 * Saved queue views filter tickets with json-logic, the vocabulary admins
 * already know from workflow rules. Running json-logic row by row over a
 * million tickets is far too slow, so the subset a view needs is compiled to
 * a SQL condition instead, with every value a bound parameter.
 *
 * The SQL must pick exactly the tickets json-logic would (the differential
 * test holds it to that). The trap is NULL: SQL's `NOT (x = 'a')` is unknown
 * for an empty field where json-logic says true. So `!` is pushed down to the
 * comparisons, and each comparison on a nullable column says outright whether
 * an empty field matches.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Problem } from '../engine/problems.ts';
import { formatPath } from '../engine/problems.ts';
import type { Database } from './schema.ts';

export type TicketFilterResult =
  | { ok: true; where: (eb: ExpressionBuilder<Database, 'tickets'>) => Expression<SqlBool> }
  | { ok: false; problems: Problem[] };

export const maxFilterDepth = 20;
export const maxFilterParts = 500;

type Column =
  | 'status' | 'state_class' | 'priority' | 'category' | 'queue_id' | 'assignee_id' | 'requester_id' | 'kind' | 'workflow_id'
  | 'impact' | 'urgency' | 'created_at' | 'updated_at' | 'response_due_at' | 'resolution_due_at';

type Field = { column: Column; nullable: boolean };

// A Map, not an object literal, so a rule naming "constructor" finds nothing.
const fields = new Map<string, Field>([
  ['ticket.status', { column: 'status', nullable: false }],
  ['ticket.statusClass', { column: 'state_class', nullable: false }],
  ['ticket.priority', { column: 'priority', nullable: false }],
  ['ticket.category', { column: 'category', nullable: true }],
  ['ticket.queue', { column: 'queue_id', nullable: false }],
  ['ticket.assignee', { column: 'assignee_id', nullable: true }],
  ['ticket.requester', { column: 'requester_id', nullable: false }],
  ['ticket.kind', { column: 'kind', nullable: false }],
  ['ticket.workflow', { column: 'workflow_id', nullable: false }],
  ['ticket.impact', { column: 'impact', nullable: true }],
  ['ticket.urgency', { column: 'urgency', nullable: true }],
  ['ticket.createdAt', { column: 'created_at', nullable: false }],
  ['ticket.updatedAt', { column: 'updated_at', nullable: false }],
  ['ticket.responseDue', { column: 'response_due_at', nullable: true }],
  ['ticket.resolutionDue', { column: 'resolution_due_at', nullable: true }],
]);

type Eb = ExpressionBuilder<Database, 'tickets'>;
/** Builds a condition, or its exact json-logic negation when `negate` is set. */
type Build = (eb: Eb, negate: boolean) => Expression<SqlBool>;
type Operand = { field: Field } | { value: string | null };
type Path = (string | number)[];

const comparisons = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);
const ordering = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;
const mirrored = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
type OrderOp = keyof typeof ordering;
/** JavaScript's own `<` and friends, coercions and all, which json-logic applies. */
const looselyOrdered: Record<OrderOp, (a: unknown, b: unknown) => boolean> = {
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

const always: Expression<SqlBool> = sql<SqlBool>`1 = 1`;
const never: Expression<SqlBool> = sql<SqlBool>`1 = 0`;
/** A value as the admin wrote it, for a message; one nested too deeply to print is described instead. */
const show = (value: unknown): string => {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  } catch {
    return 'a value nested too deeply to show';
  }
};

export function compileTicketFilter(rule: unknown, context: { userId: string; now: Date }): TicketFilterResult {
  const problems: Problem[] = [];
  const refuse = (path: Path, message: string): undefined => void problems.push({ path: formatPath(path), message });
  let parts = 0;
  const fieldNames = [...fields.keys(), 'me', 'now'].join(', ');

  /** A `var` names a ticket column, or one of the two values fixed for the whole query. */
  const variable = (args: unknown, path: Path): Operand | undefined => {
    const at = [...path, 'var'];
    if (Array.isArray(args) && args.length > 1) return refuse(at, `a view filter cannot give a field a default value; write {"var": ${show(args[0])}}`);
    const name: unknown = Array.isArray(args) ? args[0] : args;
    if (typeof name !== 'string') return refuse(at, '"var" must name a ticket field, e.g. "ticket.status"');
    if (name === 'me') return { value: context.userId };
    if (name === 'now') return { value: context.now.toISOString() };
    const field = fields.get(name);
    if (!field) return refuse(at, `"${name}" is not a ticket field a view can filter on; use one of: ${fieldNames}`);
    return { field };
  };

  const operand = (node: unknown, path: Path): Operand | undefined => {
    parts += 1;
    if (node === null || typeof node === 'string') return { value: node };
    if (typeof node === 'object') {
      const keys = Array.isArray(node) ? [] : Object.keys(node);
      if (keys.length === 1 && keys[0] === 'var') return variable((node as { var: unknown }).var, path);
      return refuse(path, 'only a ticket field, a plain value (text or null), {"var": "me"} or {"var": "now"} can be used here, not a calculation or a list');
    }
    // Ticket fields are text; json-logic would compare 3 or true with them by JavaScript's loose rules, which SQL does not share.
    return refuse(path, `${show(node)} is not text; ticket fields are compared with text such as "P1", or with null`);
  };

  const comparison = (operator: string, args: unknown, path: Path): Build | undefined => {
    const at = [...path, operator];
    if (!Array.isArray(args) || args.length !== 2) {
      return refuse(at, `"${operator}" compares exactly two things: a ticket field and a value, e.g. {"${operator}": [{"var": "ticket.priority"}, "P2"]}`);
    }
    const left = operand(args[0], [...at, 0]);
    const right = operand(args[1], [...at, 1]);
    if (!left || !right) return undefined;
    if ('field' in left && 'field' in right) return refuse(at, 'compare a ticket field with a value, {"var": "me"} or {"var": "now"}, not with another ticket field');
    if (!('field' in left) && !('field' in right)) return refuse(at, 'this comparison does not look at any ticket field');
    const flipped = 'field' in right;
    const { field } = (flipped ? right : left) as { field: Field };
    const { value } = (flipped ? left : right) as { value: string | null };
    const col = field.column;

    if (operator in ordering) {
      if (value === null) return refuse(at, `an empty field (null) has no order; use "==" or "!=" to find tickets where it is empty`);
      const op: OrderOp = flipped ? mirrored[operator as OrderOp] : (operator as OrderOp);
      // SQL never orders NULL, but JavaScript turns it into 0 (`null <= ""`, `null < "5"` are true), so ask it what an empty field does.
      const emptyMatches = looselyOrdered[op](null, value);
      return (eb, negate) => {
        const cmp = eb(col, negate ? ordering[op] : op, value);
        return field.nullable && emptyMatches !== negate ? eb.or([cmp, eb(col, 'is', null)]) : cmp;
      };
    }
    const equal = operator === '==' || operator === '===';
    if (value === null) return (eb, negate) => eb(col, equal !== negate ? 'is' : 'is not', null);
    return (eb, negate) => {
      if (equal !== negate) return eb(col, '=', value);
      return field.nullable ? eb.or([eb(col, '!=', value), eb(col, 'is', null)]) : eb(col, '!=', value);
    };
  };

  const membership = (args: unknown, path: Path): Build | undefined => {
    const at = [...path, 'in'];
    const example = '{"in": [{"var": "ticket.status"}, ["new", "open"]]}';
    if (!Array.isArray(args) || args.length !== 2) return refuse(at, `"in" needs a ticket field and a list of values, e.g. ${example}`);
    if (!Array.isArray(args[1])) {
      if (typeof args[0] === 'string') return refuse(at, `"in" cannot search inside text in a view filter; list the exact values instead, e.g. ${example}`);
      return refuse([...at, 1], `"in" needs a list of values here, e.g. ["new", "open"]`);
    }
    const subject = operand(args[0], [...at, 0]);
    const items = args[1].map((item: unknown, i) => operand(item, [...at, 1, i]));
    if (!subject) return undefined;
    if (!('field' in subject)) return refuse([...at, 0], `"in" must check a ticket field, e.g. ${example}`);
    const values: (string | null)[] = [];
    items.forEach((item, i) => {
      if (item && 'field' in item) refuse([...at, 1, i], 'the list may hold values, {"var": "me"} or {"var": "now"}, not ticket fields');
      else if (item) values.push(item.value);
    });
    if (values.length !== items.length) return undefined;
    const { column: col, nullable } = subject.field;
    const texts = values.filter((v): v is string => v !== null);
    const withNull = values.includes(null);
    return (eb, negate) => {
      if (!negate) {
        const any = [...(texts.length ? [eb(col, 'in', texts)] : []), ...(withNull ? [eb(col, 'is', null)] : [])];
        return any.length ? eb.or(any) : never;
      }
      if (withNull) return eb.and([eb(col, 'is not', null), ...(texts.length ? [eb(col, 'not in', texts)] : [])]);
      if (!texts.length) return always;
      return nullable ? eb.or([eb(col, 'not in', texts), eb(col, 'is', null)]) : eb(col, 'not in', texts);
    };
  };

  const condition = (node: unknown, path: Path, depth: number): Build | undefined => {
    parts += 1;
    if (parts > maxFilterParts) return undefined;
    if (depth > maxFilterDepth) return refuse(path, `the filter nests deeper than ${maxFilterDepth} levels`);
    if (typeof node === 'boolean') return (eb, negate) => (node !== negate ? always : never);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      return refuse(path, `${show(node)} is not a condition; compare a ticket field, e.g. {"==": [{"var": "ticket.status"}, "open"]}`);
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      return refuse(path, `a condition must have exactly one operator, found ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'none'}`);
    }
    const operator = keys[0]!;
    const args = (node as Record<string, unknown>)[operator];
    if (operator === 'and' || operator === 'or') {
      if (!Array.isArray(args) || !args.length) return refuse([...path, operator], `"${operator}" needs a list of at least one condition`);
      const built = args.map((arg: unknown, i) => condition(arg, [...path, operator, i], depth + 1));
      if (built.some((b) => !b)) return undefined;
      const all = built as Build[];
      // De Morgan: negating "and" gives "or" of the negations, so `!` never wraps SQL that might be unknown.
      return (eb, negate) => {
        const children = all.map((b) => b(eb, negate));
        return (operator === 'and') !== negate ? eb.and(children) : eb.or(children);
      };
    }
    if (operator === '!') {
      if (Array.isArray(args) && args.length !== 1) return refuse([...path, '!'], '"!" takes exactly one condition');
      const inner = Array.isArray(args) ? condition(args[0], [...path, '!', 0], depth + 1) : condition(args, [...path, '!'], depth + 1);
      return inner && ((eb, negate) => inner(eb, !negate));
    }
    if (comparisons.has(operator)) return comparison(operator, args, path);
    if (operator === 'in') return membership(args, path);
    if (operator === 'var') {
      return refuse(path, 'a field on its own is not a condition; compare it, e.g. {"==": [{"var": "ticket.assignee"}, null]}');
    }
    return refuse(path, `the operator "${operator}" cannot be used in a view filter; use and, or, !, ==, !=, <, <=, >, >= or in`);
  };

  const build = condition(rule, ['filter'], 0);
  if (parts > maxFilterParts) refuse(['filter'], `the filter is too large (more than ${maxFilterParts} parts)`);
  if (problems.length || !build) return { ok: false, problems };
  return { ok: true, where: (eb) => build(eb, false) };
}
