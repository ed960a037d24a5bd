/**
 * A json-logic rule as the visual condition editor shows it: groups (all /
 * any / none of) holding rows of "fact, operator, value". `parseCondition`
 * turns a rule into that tree, `writeCondition` turns the tree back into the
 * rule. A rule is only ever shown visually when writing its tree gives back
 * exactly the rule that was read (checked on every parse), so anything the
 * tree cannot say — other operators, arithmetic, a `var` with a fallback, a
 * value on the left — is reported as not representable and left to the JSON
 * box, never rewritten. Pure functions, no Svelte: unit-tested in
 * test/ui/condition-model.test.ts.
 */

/** A value a row compares with. */
export type Scalar = string | number | boolean | null;

/**
 * How a row compares, each with exactly one json-logic form:
 * `==` … `>=`: `{ op: [{ var }, value] }`; `in`: `{ in: [{ var }, [values]] }` (is one of);
 * `contains`: `{ in: [value, { var }] }` (text contains, or a list holds);
 * `truthy`: `{ var }` (set, ticked, yes); `falsy`: `{ "!": { var } }` (empty, not ticked, no).
 */
export const rowOperators = ['==', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'truthy', 'falsy'] as const;
export type RowOperator = (typeof rowOperators)[number];

export interface ConditionRow {
  kind: 'row';
  /** Keys the editor's lists; never written. */
  id: number;
  /** What the row reads, e.g. `fields.service` or `sla.resolution.elapsedPct`. */
  variable: string;
  op: RowOperator;
  /** A scalar; a list of scalars for `in`; unused for `truthy` and `falsy`. */
  value: Scalar | Scalar[];
}

/** `and`: all of; `or`: any of; `none`: none of (written `{ "!": { "or": [...] } }`). */
export type GroupJoin = 'and' | 'or' | 'none';

export interface ConditionGroup {
  kind: 'group';
  id: number;
  join: GroupJoin;
  children: ConditionNode[];
  /** A group of one written with its wrapper (`{ "and": [row] }`), as it was read; a root of one row otherwise writes the bare row. */
  wrapped?: boolean;
}

export type ConditionNode = ConditionRow | ConditionGroup;

/** The whole condition: a root group; with no children it is "always", written as `always` says. */
export interface Condition {
  root: ConditionGroup;
  /** What "always" is written as here: `true` (a categorise rule's `when`) or nothing (an optional rule, key removed). */
  always: true | undefined;
}

export type Parsed = { ok: true; condition: Condition } | { ok: false; reason: NotRepresentable };

/** Why a rule is shown as JSON only. */
export type NotRepresentable = 'never' | 'shape';

// Same spelling rules as the desk's `var` names (server/engine/rules.ts).
const varPath = /^[A-Za-z_]\w*(\.\w+)*$/;
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);
export const isReadableName = (name: string) => varPath.test(name) && !name.split('.').some((s) => forbiddenSegments.has(s));

let nextId = 1;
/** A fresh id for a new node (ids only key the editor's lists). */
export const newId = () => nextId++;

export const newRow = (variable: string, op: RowOperator, value: Scalar | Scalar[]): ConditionRow => ({ kind: 'row', id: newId(), variable, op, value });
export const newGroup = (join: GroupJoin, children: ConditionNode[] = []): ConditionGroup => ({ kind: 'group', id: newId(), join, children });

const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The one operator of a rule object, with its arguments; null when it is not a one-key object. */
function single(node: unknown): [string, unknown] | null {
  if (!isObject(node)) return null;
  const keys = Object.keys(node);
  return keys.length === 1 ? [keys[0]!, node[keys[0]!]] : null;
}

/** The name a `{ "var": "name" }` reads, when it is exactly that (no fallback, a readable name). */
function plainVar(node: unknown): string | null {
  const s = single(node);
  if (!s || s[0] !== 'var' || typeof s[1] !== 'string' || !isReadableName(s[1])) return null;
  return s[1];
}

const comparisons = new Set(['==', '!=', '<', '<=', '>', '>=']);

function parseRow(node: unknown): ConditionRow | null {
  const name = plainVar(node);
  if (name) return newRow(name, 'truthy', null);
  const s = single(node);
  if (!s) return null;
  const [op, args] = s;
  if (op === '!') {
    const inner = plainVar(args);
    return inner ? newRow(inner, 'falsy', null) : null;
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  const [a, b] = args as [unknown, unknown];
  if (comparisons.has(op)) {
    const left = plainVar(a);
    return left && isScalar(b) ? newRow(left, op as RowOperator, b) : null;
  }
  if (op === 'in') {
    const left = plainVar(a);
    if (left && Array.isArray(b) && b.every(isScalar)) return newRow(left, 'in', [...b]);
    const right = plainVar(b);
    if (right && isScalar(a) && a !== null && typeof a !== 'boolean') return newRow(right, 'contains', a);
  }
  return null;
}

function parseNode(node: unknown, depth: number): ConditionNode | null {
  if (depth > 16) return null;
  const s = single(node);
  if (s && (s[0] === 'and' || s[0] === 'or') && Array.isArray(s[1]) && s[1].length > 0) {
    return parseGroup(s[0], s[1], depth);
  }
  if (s && s[0] === '!') {
    const inner = single(s[1]);
    if (inner && inner[0] === 'or' && Array.isArray(inner[1]) && inner[1].length > 0) return parseGroup('none', inner[1], depth);
  }
  return parseRow(node);
}

function parseGroup(join: GroupJoin, items: unknown[], depth: number): ConditionGroup | null {
  const children: ConditionNode[] = [];
  for (const item of items) {
    const child = parseNode(item, depth + 1);
    if (!child) return null;
    children.push(child);
  }
  const group = newGroup(join, children);
  if (children.length === 1) group.wrapped = true;
  return group;
}

/**
 * Reads a rule into a condition tree, or says why it cannot be shown
 * visually. `always` is what an empty condition is written as where this
 * rule lives; a rule that is itself `true` or absent keeps its own spelling.
 */
export function parseCondition(rule: unknown, always: true | undefined): Parsed {
  if (rule === false) return { ok: false, reason: 'never' };
  let condition: Condition;
  if (rule === undefined || rule === true) {
    condition = { root: newGroup('and'), always: rule };
  } else {
    const node = parseNode(rule, 0);
    if (!node) return { ok: false, reason: 'shape' };
    condition = { root: node.kind === 'group' ? node : newGroup('and', [node]), always };
  }
  // The guarantee: what is shown visually writes back as exactly what was read.
  return sameJson(writeCondition(condition), rule) ? { ok: true, condition } : { ok: false, reason: 'shape' };
}

function writeRow(row: ConditionRow): unknown {
  const v = { var: row.variable };
  switch (row.op) {
    case 'truthy':
      return v;
    case 'falsy':
      return { '!': v };
    case 'in':
      return { in: [v, Array.isArray(row.value) ? [...row.value] : [row.value]] };
    case 'contains':
      return { in: [row.value, v] };
    default:
      return { [row.op]: [v, row.value] };
  }
}

function writeNode(node: ConditionNode): unknown {
  if (node.kind === 'row') return writeRow(node);
  const list = node.children.map(writeNode);
  return node.join === 'none' ? { '!': { or: list } } : { [node.join]: list };
}

/** The rule a condition stands for. */
export function writeCondition(condition: Condition): unknown {
  const { root } = condition;
  if (root.children.length === 0) return condition.always;
  if (root.children.length === 1 && !root.wrapped && root.join !== 'none') return writeNode(root.children[0]!);
  return writeNode(root);
}

/** Deep equality of JSON values, key order ignored (as the desk compares definitions). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/** Every row of a condition, nested ones included. */
export function rowsOf(group: ConditionGroup): ConditionRow[] {
  return group.children.flatMap((c) => (c.kind === 'row' ? [c] : rowsOf(c)));
}

/** Removes a node from wherever it is in the tree; a nested group left empty goes too (json-logic reads an empty group as false). */
export function removeNode(group: ConditionGroup, id: number): boolean {
  const i = group.children.findIndex((c) => c.id === id);
  if (i >= 0) {
    group.children.splice(i, 1);
    return true;
  }
  for (const [j, child] of group.children.entries()) {
    if (child.kind === 'group' && removeNode(child, id)) {
      if (child.children.length === 0) group.children.splice(j, 1);
      return true;
    }
  }
  return false;
}
