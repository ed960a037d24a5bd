/**
 * One desk setting (a calendar, group, queue or SLA policy) as an admin
 * edits it: loaded or started blank, unsaved changes told apart, saved as
 * new (POST) or in place (PUT), and the desk's problems kept by path so
 * each shows beside its control. A save carries the revision the edit
 * started from: if another admin saved in between, the desk refuses it
 * (409) and the editor keeps this admin's version while showing theirs,
 * to take or to knowingly save over. One nothing uses can be deleted.
 */
import type { ApiProblem, FieldProblem } from '../api/problem.ts';
import { asProblem } from '../resource.svelte.ts';
import type { Loaded, Stamp } from './api.ts';

export interface SettingSource<T> {
  /** The stored setting and its revision; a 404 ApiProblem when there is none. */
  load(): Promise<Loaded<T>>;
  /**
   * Saves (based on `baseRevision`, null for a new one) and returns what the desk stored;
   * calls `created` as soon as a new setting exists, even if a later step fails.
   */
  // Method syntax on purpose: an editor of a calendar may be handed to parts that only read `{ id, name }`.
  save(value: T, create: boolean, created: () => void, baseRevision: number | null): Promise<Loaded<T>>;
  /** Deletes the stored setting (based on `baseRevision`); a 409 `in-use` says what still uses it. */
  remove?(id: string, baseRevision: number | null): Promise<void>;
  /** The editor's value from the desk's version of the setting (theirs, after a conflict) and this admin's. */
  fromStored?(stored: Record<string, unknown>, mine: T): T;
}

/** Another admin's save, newer than the revision this edit started from. */
export interface SettingConflict<T> {
  theirs: T;
  stamp: Stamp;
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
  /** The revision the edit started from (null: not stored yet). */
  revision = $state<number | null>(null);
  conflict = $state<SettingConflict<T> | null>(null);
  /** What still uses the setting, after a refused delete. */
  inUse = $state<FieldProblem[]>([]);
  deleted = $state(false);

  constructor(
    private readonly source: SettingSource<T>,
    /** The blank setting a new one starts from; null to load a stored one. */
    blank: T | null,
  ) {
    if (blank) {
      this.take(blank, null);
      this.isNew = true;
      // A blank form is not unsaved work until the admin types something.
      this.loading = false;
    }
  }

  private take(value: T, revision: number | null) {
    this.value = structuredClone(value);
    this.savedJson = JSON.stringify(value);
    this.revision = revision;
  }

  /** Whether this setting can be deleted from its page. */
  get canRemove(): boolean {
    return !this.isNew && this.source.remove !== undefined;
  }

  load = async () => {
    if (this.isNew) return;
    this.loading = true;
    try {
      const loaded = await this.source.load();
      this.take(loaded.value, loaded.revision);
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
    this.inUse = [];
    try {
      const stored = await this.source.save(sent, this.isNew, () => (this.isNew = false), this.isNew ? null : this.revision);
      this.isNew = false;
      this.take(stored.value, stored.revision);
      this.problems = [];
      this.conflict = null;
      this.saved = true;
      return true;
    } catch (e) {
      const problem = asProblem(e);
      const current = problem.extra.current as (Record<string, unknown> & Stamp) | undefined;
      if (problem.status === 409 && problem.code === 'conflict' && current && typeof current.revision === 'number') {
        const { revision, updatedAt, updatedBy, ...stored } = current;
        this.problems = [];
        this.conflict = { theirs: this.fromStored(stored, sent), stamp: { revision, updatedAt, updatedBy } };
      } else if ((problem.status === 422 || problem.status === 409) && problem.errors.length) this.problems = problem.errors;
      else {
        this.problems = [];
        this.failure = problem;
      }
      return false;
    } finally {
      this.busy = false;
    }
  };

  private fromStored(stored: Record<string, unknown>, mine: T): T {
    return this.source.fromStored ? this.source.fromStored(stored, mine) : (stored as T);
  }

  /** After a conflict: edit their version instead (this admin's changes are dropped). */
  takeTheirs = () => {
    if (!this.conflict) return;
    this.take($state.snapshot(this.conflict.theirs) as T, this.conflict.stamp.revision);
    this.conflict = null;
  };

  /** After a conflict: save this admin's version over theirs, knowingly. */
  keepMine = async (): Promise<boolean> => {
    if (!this.conflict) return false;
    this.revision = this.conflict.stamp.revision;
    this.conflict = null;
    return this.save();
  };

  /** Deletes the setting; returns whether it is gone. Otherwise `inUse`, `conflict` or `failure` say why. */
  remove = async (): Promise<boolean> => {
    if (!this.value || !this.source.remove) return false;
    this.busy = true;
    this.failure = null;
    this.saved = false;
    this.problems = [];
    this.inUse = [];
    try {
      await this.source.remove(this.value.id, this.revision);
      this.deleted = true;
      // Nothing left to lose by leaving.
      this.savedJson = JSON.stringify(this.value);
      return true;
    } catch (e) {
      const problem = asProblem(e);
      const current = problem.extra.current as Stamp | undefined;
      if (problem.status === 409 && problem.code === 'in-use') this.inUse = problem.errors;
      else if (problem.status === 409 && problem.code === 'conflict' && current) {
        // Someone changed it since it was opened: show the page as it now is before deleting anything.
        await this.load();
        this.failure = problem;
      } else this.failure = problem;
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
