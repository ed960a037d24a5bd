/**
 * Where in the builder a problem the desk reports belongs. The desk names
 * each problem by its path in the definition (`form.fields[2].options`,
 * `categorise[0].set.queue`, `notifications[1].to[0]`); the builder turns
 * that into a tab, a row of that tab's list, and the part of the row.
 * Anything the visual tabs do not show belongs to the raw JSON tab.
 */
import type { FieldProblem } from '../api/problem.ts';

export const tabs = ['details', 'form', 'routing', 'priority', 'sla', 'notifications', 'escalations', 'lifecycle', 'raw', 'history'] as const;
export type BuilderTab = (typeof tabs)[number];

export interface Place {
  tab: BuilderTab;
  /** The row of the tab's list (a field, a rule, a notification, an escalation, a transition), when the problem is inside one. */
  row?: number;
  /** The rest of the path inside the row, e.g. "set.queue" or "options[1]" ("" for the row itself). */
  part?: string;
  /** Which of the tab's lists the row is in, when it has two: the lifecycle's states (else its transitions). */
  list?: 'states';
}

const rowPaths: [RegExp, BuilderTab][] = [
  [/^form\.fields\[(\d+)\](?:\.(.*)|(\[.*))?$/, 'form'],
  [/^categorise\[(\d+)\](?:\.(.*)|(\[.*))?$/, 'routing'],
  [/^notifications\[(\d+)\](?:\.(.*)|(\[.*))?$/, 'notifications'],
  [/^escalations\[(\d+)\](?:\.(.*)|(\[.*))?$/, 'escalations'],
  [/^lifecycle\.transitions\[(\d+)\](?:\.(.*)|(\[.*))?$/, 'lifecycle'],
];

const detailsKeys = ['id', 'name', 'description', 'kind', 'audience', 'titleField'];

/** The place for one path. */
export function locate(path: string): Place {
  const state = /^lifecycle\.states\[(\d+)\](?:\.(.*)|(\[.*))?$/.exec(path);
  if (state) return { tab: 'lifecycle', list: 'states', row: Number(state[1]), part: state[2] ?? state[3] ?? '' };
  for (const [pattern, tab] of rowPaths) {
    const m = pattern.exec(path);
    if (m) return { tab, row: Number(m[1]), part: m[2] ?? m[3] ?? '' };
  }
  const head = /^[^.[]*/.exec(path)?.[0] ?? '';
  if (head === 'form') return { tab: 'form' };
  // The matrix and the fields it reads have their own tab; the default priority stays with routing.
  if (/^priority\.(matrix|impactField|urgencyField)(?:$|[.[])/.test(path)) return { tab: 'priority' };
  if (head === 'categorise' || head === 'defaultQueue' || path === 'priority' || path === 'priority.default') return { tab: 'routing' };
  if (head === 'sla') return { tab: 'sla' };
  if (head === 'notifications') return { tab: 'notifications' };
  if (head === 'escalations') return { tab: 'escalations' };
  // The lifecycle as a whole (`lifecycle.states`: a class missing).
  if (head === 'lifecycle') return { tab: 'lifecycle' };
  if (detailsKeys.includes(head)) return { tab: 'details' };
  // Resolution, attachments, escalateTo, unknown keys.
  return { tab: 'raw' };
}

/** Whether a path is the given one or lies inside it (`a.b` is inside `a`, so are `a[0]` and `a.b.c`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The problems at or inside a path. */
export const problemsUnder = (problems: readonly FieldProblem[], prefix: string) => problems.filter((p) => isUnder(p.path, prefix));

/**
 * The problems inside a row that none of its controls shows: `controls`
 * are the sub-paths that have a place of their own next to a control.
 */
export function rowRest(problems: readonly FieldProblem[], row: string, controls: readonly string[]): FieldProblem[] {
  return problemsUnder(problems, row).filter((p) => !controls.some((c) => isUnder(p.path, `${row}.${c}`)));
}

/** How many problems each tab has, for the badges on the tabs; `more` adds problems found elsewhere (a template's). */
export function countByTab(problems: readonly FieldProblem[], more: Partial<Record<BuilderTab, number>> = {}): Record<BuilderTab, number> {
  const counts = Object.fromEntries(tabs.map((t) => [t, more[t] ?? 0])) as Record<BuilderTab, number>;
  for (const p of problems) counts[locate(p.path).tab]++;
  return counts;
}
