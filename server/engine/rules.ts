/**
 * json-logic rules, made safe: an operator allow-list, `var` paths limited to
 * plain property names, size and depth caps, and evaluation against
 * null-prototype copies so no rule can reach `__proto__` or `constructor`.
 */
import jsonLogic from 'json-logic-js';
import type { Rule } from './workflow/workflow.schema.ts';

/** Operators an admin may use; `log` (console I/O) and anything added by plugins are not. */
export const allowedOperators = new Set([
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', 'and', 'or', 'if', '?:',
  'in', 'cat', 'substr', '+', '-', '*', '/', '%', 'min', 'max', 'merge',
  'var', 'missing', 'missing_some', 'map', 'filter', 'reduce', 'all', 'none', 'some',
]);

/** Operators whose second argument (only) is evaluated with the array item as data; `reduce`'s third is not. */
const scopedOperators = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

const varPath = /^[A-Za-z_]\w*(\.\w+)*$/;
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);
export const maxRuleDepth = 32;
export const maxRuleNodes = 2000;

export interface RuleProblem {
  /** Path inside the rule, e.g. `["and", 1, "var"]`, appended to the rule's own path. */
  path: (string | number)[];
  message: string;
}

export interface RuleFacts {
  problems: RuleProblem[];
  /** Every `var` path the rule reads outside a map/filter scope, e.g. `fields.service`. */
  vars: { path: (string | number)[]; name: string }[];
}

/** Checks a rule's shape and collects the data it reads, without evaluating it. */
export function inspectRule(rule: Rule | unknown): RuleFacts {
  const facts: RuleFacts = { problems: [], vars: [] };
  let nodes = 0;

  const visit = (node: unknown, path: (string | number)[], depth: number, scoped: boolean): void => {
    nodes += 1;
    if (nodes === maxRuleNodes + 1) {
      facts.problems.push({ path: [], message: `the rule is too large (more than ${maxRuleNodes} parts)` });
    }
    if (nodes > maxRuleNodes) return;
    if (depth > maxRuleDepth) {
      facts.problems.push({ path, message: `the rule nests deeper than ${maxRuleDepth} levels` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i], depth + 1, scoped));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      facts.problems.push({
        path,
        message: `a rule object must have exactly one operator, found ${keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ')}`,
      });
      return;
    }
    const operator = keys[0]!;
    const args = (node as Record<string, unknown>)[operator];
    if (!allowedOperators.has(operator)) {
      facts.problems.push({ path, message: `"${operator}" is not a rule operator this desk knows` });
      return;
    }
    if (operator === 'var') {
      const name = Array.isArray(args) ? args[0] : args;
      if (name === '' || name === undefined || name === null) return;
      if (typeof name !== 'string' && typeof name !== 'number') {
        facts.problems.push({ path: [...path, 'var'], message: 'a "var" must name a field, e.g. "fields.service"' });
        return;
      }
      const text = String(name);
      if (!varPath.test(text) || text.split('.').some((s) => forbiddenSegments.has(s))) {
        facts.problems.push({
          path: [...path, 'var'],
          message: `"${text}" is not a readable name: use names like "fields.service" (letters, digits, underscores and dots)`,
        });
        return;
      }
      if (!scoped) facts.vars.push({ path: [...path, 'var'], name: text });
      if (Array.isArray(args)) visit(args[1], [...path, 'var', 1], depth + 1, scoped);
      return;
    }
    if (operator === 'missing' || operator === 'missing_some') {
      const names = operator === 'missing' ? args : Array.isArray(args) ? args[1] : undefined;
      if (Array.isArray(names)) {
        names.forEach((n, i) => {
          if (typeof n === 'string' && !scoped) {
            const at = operator === 'missing' ? [...path, operator, i] : [...path, operator, 1, i];
            if (!varPath.test(n) || n.split('.').some((s) => forbiddenSegments.has(s))) {
              facts.problems.push({ path: at, message: `"${n}" is not a readable name` });
            } else facts.vars.push({ path: at, name: n });
          }
        });
      }
    }
    const list = Array.isArray(args) ? args : [args];
    list.forEach((arg, i) => {
      const argPath = Array.isArray(args) ? [...path, operator, i] : [...path, operator];
      visit(arg, argPath, depth + 1, scoped || (scopedOperators.has(operator) && i === 1));
    });
  };

  visit(rule, [], 0, false);
  return facts;
}

/** How deep rule data is copied; deeper values read as null (no form value nests anywhere near this). */
export const maxDataDepth = 64;

/**
 * A deep copy of plain data in which no object has a prototype. Values
 * nested deeper than `maxDataDepth` become null, so data sent nested a
 * hundred thousand levels deep cannot exhaust the stack.
 */
export function nullPrototypeCopy(value: unknown, depth = 0): unknown {
  if (depth > maxDataDepth) return null;
  if (Array.isArray(value)) return value.map((v) => nullPrototypeCopy(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) copy[k] = nullPrototypeCopy(v, depth + 1);
    return copy;
  }
  return value;
}

/**
 * Evaluates a rule that has passed `inspectRule`. The data is copied without
 * prototypes first; pass an already-copied context with `prepared: true` to
 * evaluate many rules against one copy.
 */
export function evaluateRule(rule: Rule | unknown, data: unknown, options: { prepared?: boolean } = {}): unknown {
  if (typeof rule === 'boolean') return rule;
  const context = options.prepared ? data : nullPrototypeCopy(data);
  return jsonLogic.apply(rule as jsonLogic.RulesLogic, context);
}

/** json-logic truthiness (an empty array is false), the meaning of "the rule matched". */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
