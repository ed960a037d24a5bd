/**
 * One desk setting (a calendar, group, queue or SLA policy) as an admin
 * edits it: loaded or started blank, unsaved changes told apart, saved as
 * new (POST) or in place (PUT), and the desk's problems kept by path so
 * each shows beside its control. The desk keeps no revision of these
 * settings: the last save wins.
 */
import type { ApiProblem, FieldProblem } from '../api/problem.ts';
import { asProblem } from '../resource.svelte.ts';

export interface SettingSource<T> {
  /** The stored setting; a 404 ApiProblem when there is none. */
  load(): Promise<T>;
  /** Saves and returns what the desk stored; calls `created` as soon as a new setting exists, even if a later step fails. */
  // Method syntax on purpose: an editor of a calendar may be handed to parts that only read `{ id, name }`.
  save(value: T, create: boolean, created: () => void): Promise<T>;
}

/** The page of a setting just created: its new page (a fresh editor) still says it was saved. */
export const justCreated = { path: '' };

export class SettingEditor<T extends { id: string }> {
  value = $state<T | null>(null);
  private savedJson = $state('');
  readonly dirty = $derived(this.value !== null && JSON.stringify(this.value) !== this.savedJson);
  /** Not stored yet: saving creates it. */
  isNew = $state(false);
  loading = $state(true);
  loadError = $state<ApiProblem | null>(null);
  problems = $state<FieldProblem[]>([]);
  failure = $state<ApiProblem | null>(null);
  busy = $state(false);
  saved = $state(false);

  constructor(
    private readonly source: SettingSource<T>,
    /** The blank setting a new one starts from; null to load a stored one. */
    blank: T | null,
  ) {
    if (blank) {
      this.take(blank);
      this.isNew = true;
      // A blank form is not unsaved work until the admin types something.
      this.loading = false;
    }
  }

  private take(value: T) {
    this.value = structuredClone(value);
    this.savedJson = JSON.stringify(value);
  }

  load = async () => {
    if (this.isNew) return;
    this.loading = true;
    try {
      this.take(await this.source.load());
      this.loadError = null;
      if (justCreated.path === location.pathname) this.saved = true;
      justCreated.path = '';
    } catch (e) {
      this.loadError = asProblem(e);
    } finally {
      this.loading = false;
    }
  };

  /** Saves; returns whether it is stored. Otherwise `problems` (by path) or `failure` say why. */
  save = async (): Promise<boolean> => {
    if (!this.value) return false;
    const sent = $state.snapshot(this.value) as T;
    this.busy = true;
    this.saved = false;
    this.failure = null;
    try {
      const stored = await this.source.save(sent, this.isNew, () => (this.isNew = false));
      this.isNew = false;
      this.take(stored);
      this.problems = [];
      this.saved = true;
      return true;
    } catch (e) {
      const problem = asProblem(e);
      if ((problem.status === 422 || problem.status === 409) && problem.errors.length) this.problems = problem.errors;
      else {
        this.problems = [];
        this.failure = problem;
      }
      return false;
    } finally {
      this.busy = false;
    }
  };

  /** The problems at exactly this path (a day's "opening hours overlap", not its intervals' own). */
  exact = (path: string): FieldProblem[] => this.problems.filter((p) => p.path === path);

  /** The problems at or inside a path ("hours.fri" holds "hours.fri[0]"). */
  at = (path: string): FieldProblem[] =>
    this.problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/** The id of the control that shows a path's problems, so the summary can take the admin there. */
export const controlId = (path: string) => `ds-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The control for a problem's path, or the nearest enclosing one that exists. */
function controlFor(path: string): HTMLElement | null {
  let p = path;
  while (p) {
    const el = document.getElementById(controlId(p));
    if (el) return el;
    const parent = p.replace(/(\.[^.[]*|\[\d+\])$/, '');
    if (parent === p) return null;
    p = parent;
  }
  return null;
}

/** Focuses the control for a problem's path, or the nearest enclosing one that exists. */
export function focusProblem(path: string): void {
  const el = controlFor(path);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/**
 * What the admin calls the control a problem is about: its label as shown
 * ("Friday, interval 1: opens", "Time zone"), or the path when no control
 * on the page has a name for it.
 */
export function controlName(path: string): string {
  const el = controlFor(path);
  if (!el) return path;
  const name =
    el.getAttribute('aria-label') ??
    (el as HTMLInputElement).labels?.[0]?.textContent ??
    (el instanceof HTMLFieldSetElement ? el.querySelector('legend')?.textContent : undefined);
  return name?.trim() || path;
}
