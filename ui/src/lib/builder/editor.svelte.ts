/**
 * One workflow's draft as an admin edits it: loading, saving with the
 * revision it started from (someone else's newer save is a conflict the
 * admin resolves, never a lost edit), the desk's problems from the last
 * save, publish or simulation, and the published versions.
 */
import { call } from '../api/client.ts';
import type { ApiProblem, FieldProblem } from '../api/problem.ts';
import { asProblem } from '../resource.svelte.ts';
import type { InferResponseType } from 'hono/client';
import { adminApi, type Simulation, type WorkflowSummary, type WorkflowVersion } from './api.ts';
import { pretty, type Draft } from './draft.ts';
import { isUnder, type BuilderTab, type Place } from './error-paths.ts';
import { TemplateSet } from '../templates/template-set.svelte.ts';

export interface Conflict {
  revision: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Text in a JSON box that does not parse yet: kept, so switching tabs loses nothing, and saving waits for it. */
export interface Unparsed {
  text: string;
  message: string;
}

export class WorkflowEditor {
  draft = $state<Draft | null>(null);
  revision = $state(0);
  updatedAt = $state('');
  updatedBy = $state<string | null>(null);
  /** The draft as last saved or loaded, to tell unsaved changes. */
  private savedJson = $state('');
  /** Template editor: templates edited in this builder session, by name, saved before the draft on Save and Publish. */
  templates = $state<Record<string, TemplateSet>>({});
  readonly templatesDirty = $derived(Object.values(this.templates).some((t) => t.dirty));
  /** Problems in the session's templates (every language), counted on the Notifications tab whichever tab is shown. */
  readonly templateProblems = $derived(Object.values(this.templates).reduce((n, t) => n + Object.values(t.problems).reduce((m, p) => m + (p?.length ?? 0), 0), 0));
  readonly json = $derived(this.draft ? JSON.stringify(this.draft) : '');
  /** The workflow draft itself differs from what the desk holds (template edits aside). */
  readonly draftDirty = $derived(this.draft !== null && this.json !== this.savedJson);
  readonly dirty = $derived(this.draftDirty || this.templatesDirty);

  loading = $state(true);
  loadError = $state<ApiProblem | null>(null);
  summary = $state<WorkflowSummary | null>(null);
  versions = $state<WorkflowVersion[]>([]);

  tab = $state<BuilderTab>('form');
  /** The desk's problems with the definition, from the last save, publish or simulation. */
  problems = $state<FieldProblem[]>([]);
  /** Whether those problems stopped a save (nothing saved), an autosave (said quietly), or a publish or simulation of the saved draft. */
  problemsFrom = $state<'save' | 'autosave' | 'publish'>('save');
  /** When this admin's last save (by hand or automatic) went through. */
  savedAt = $state<string | null>(null);
  /** A refusal that is not about the definition (nothing to publish, the network…). */
  failure = $state<ApiProblem | null>(null);
  conflict = $state<Conflict | null>(null);
  /** The admin's own version, kept after they loaded someone else's instead. */
  stashed = $state<string | null>(null);
  busy = $state<'' | 'save' | 'publish' | 'simulate' | 'reload'>('');
  /** What just succeeded, for the status line: "saved", "published:3"… */
  done = $state('');
  /** JSON boxes whose text does not parse, by place ("raw", "categorise[0].when"…). */
  unparsed = $state<Record<string, Unparsed>>({});

  /** A place the admin asked to be taken to (from the list of problems); the tab showing it scrolls there. */
  focus = $state<Place | null>(null);

  // --- Template editor: templates opened from the Notifications tab ---
  /** The template shown in the Notifications tab's editor panel. */
  templateOpen = $state<string | null>(null);
  /** The template whose problems stopped the last save or publish (nothing of the workflow was saved). */
  templateRefused = $state<string | null>(null);

  /** Opens a template in the Notifications tab, loading it once per session (`fresh`: a new one, not on the desk yet). */
  openTemplate = async (name: string, fresh = false) => {
    if (!this.templates[name]) this.templates[name] = fresh ? new TemplateSet(name) : await TemplateSet.load(name);
    this.templateOpen = name;
    this.tab = 'notifications';
  };

  /** Saves the session's changed templates; the first refusal opens that template at its problems and stops the rest. */
  private saveTemplates = async (): Promise<boolean> => {
    this.templateRefused = null;
    this.busy = 'save';
    try {
      for (const [name, set] of Object.entries(this.templates)) {
        if (!set.dirty) continue;
        if (!(await set.save())) {
          this.templateRefused = name;
          this.templateOpen = name;
          this.tab = 'notifications';
          return false;
        }
      }
      return true;
    } finally {
      this.busy = '';
    }
  };

  constructor(readonly id: string) {}

  jump = (place: Place) => {
    this.tab = place.tab;
    this.focus = { ...place };
  };

  /**
   * Forgets the problems inside a list whose rows just moved or went: their
   * paths name rows by position, which no longer holds. The next save checks again.
   */
  rowsChanged = (list: string) => {
    this.problems = this.problems.filter((p) => !isUnder(p.path, list));
    for (const place of Object.keys(this.unparsed)) if (isUnder(place, list)) delete this.unparsed[place];
  };

  load = async () => {
    this.loading = true;
    try {
      const d = await call(adminApi.workflows[':id'].$get({ param: { id: this.id } }));
      this.take(d);
      this.loadError = null;
      await this.refreshStatus();
    } catch (e) {
      this.loadError = asProblem(e);
    } finally {
      this.loading = false;
    }
  };

  private take(d: { draft: unknown; revision: number; updatedAt: string; updatedBy: string | null }) {
    this.draft = structuredClone(d.draft) as Draft;
    this.savedJson = JSON.stringify(d.draft);
    this.revision = d.revision;
    this.updatedAt = d.updatedAt;
    this.updatedBy = d.updatedBy;
    this.unparsed = {};
  }

  /** Published versions and whether the draft is ahead of the latest. */
  refreshStatus = async () => {
    const [list, versions] = await Promise.all([
      call(adminApi.workflows.$get()),
      call(adminApi.workflows[':id'].versions.$get({ param: { id: this.id } })),
    ]);
    this.summary = list.items.find((w) => w.id === this.id) ?? null;
    this.versions = versions.items;
  };

  /** The raw text of the whole draft, for the raw JSON tab (what the admin typed when it does not parse). */
  get rawText(): string {
    return this.unparsed.raw?.text ?? (this.draft ? pretty(this.draft) : '');
  }

  private clearOutcome() {
    this.failure = null;
    this.done = '';
  }

  /**
   * Saves the draft with the revision it was loaded at. Returns whether it
   * is saved; otherwise the problems, the conflict or the failure say why.
   */
  save = async (options: { auto?: boolean } = {}): Promise<boolean> => {
    if (!this.draft) return false;
    // An automatic save leaves the outcome line alone: it is not something the admin asked for.
    if (!options.auto) this.clearOutcome();
    if (Object.keys(this.unparsed).length) {
      if (!options.auto) this.done = 'unparsed';
      return false;
    }
    // Templates are desk-wide and live at once: only the admin's own Save or Publish writes them,
    // never an automatic save in the middle of typing a message.
    if (!options.auto && !(await this.saveTemplates())) return false;
    const sent = this.json;
    this.busy = 'save';
    try {
      const saved = await call(
        adminApi.workflows[':id'].draft.$put({ param: { id: this.id }, query: { baseRevision: String(this.revision) }, json: JSON.parse(sent) as Record<string, unknown> }),
      );
      this.revision = saved.revision;
      this.savedJson = sent;
      this.problems = [];
      this.conflict = null;
      if (!options.auto) this.done = 'saved';
      this.updatedAt = new Date().toISOString();
      this.savedAt = this.updatedAt;
      void this.refreshStatus().catch(() => undefined);
      return true;
    } catch (e) {
      await this.refused(asProblem(e), options.auto ? 'autosave' : 'save');
      return false;
    } finally {
      this.busy = '';
    }
  };

  private async refused(problem: ApiProblem, during: WorkflowEditor['problemsFrom']) {
    if (problem.status === 409 && problem.code === 'conflict') {
      try {
        const theirs = await call(adminApi.workflows[':id'].$get({ param: { id: this.id } }));
        this.conflict = { revision: theirs.revision, updatedBy: theirs.updatedBy, updatedAt: theirs.updatedAt };
      } catch (e) {
        this.failure = asProblem(e);
      }
    } else if (problem.status === 422 && problem.errors.length) {
      this.problems = problem.errors;
      this.problemsFrom = during;
    } else {
      this.failure = problem;
    }
  }

  /** After a conflict: save this admin's version over the newer one, knowingly. */
  overwrite = async (): Promise<boolean> => {
    if (!this.conflict) return false;
    this.revision = this.conflict.revision;
    return this.save();
  };

  /** After a conflict: load the newer version, keeping this admin's own to download or put back. */
  loadTheirs = async () => {
    this.busy = 'reload';
    try {
      const mine = this.draft ? pretty(this.draft) : null;
      const theirs = await call(adminApi.workflows[':id'].$get({ param: { id: this.id } }));
      this.take(theirs);
      this.stashed = mine;
      this.conflict = null;
      this.problems = [];
      this.clearOutcome();
    } catch (e) {
      this.failure = asProblem(e);
    } finally {
      this.busy = '';
    }
  };

  /** Drops every unsaved change: the draft as last saved or loaded. */
  revert = () => {
    if (!this.savedJson) return;
    this.draft = JSON.parse(this.savedJson) as Draft;
    this.unparsed = {};
    this.problems = [];
  };

  /** Puts the stashed version back on top of the newer one (saving it is still a separate step). */
  restoreStash = () => {
    if (!this.stashed) return;
    this.draft = JSON.parse(this.stashed) as Draft;
    this.stashed = null;
  };

  /** Saves first when needed, then publishes the draft as the next version. Returns the version, or null. */
  publish = async (note: string): Promise<number | null> => {
    if (this.dirty && !(await this.save())) return null;
    this.clearOutcome();
    this.busy = 'publish';
    try {
      const v = await call(adminApi.workflows[':id'].publish.$post({ param: { id: this.id }, json: note.trim() ? { note: note.trim() } : {} }));
      this.problems = [];
      this.done = `published:${v.version}`;
      await this.refreshStatus();
      return v.version;
    } catch (e) {
      await this.refused(asProblem(e), 'publish');
      return null;
    } finally {
      this.busy = '';
    }
  };

  /**
   * Runs a submission through the draft (saved first when needed). Form
   * problems (`fields.*`) come back to the caller for the preview; problems
   * with the definition go where the other problems go.
   */
  simulate = async (input: { fields: Record<string, unknown> } | { ticketId: number }): Promise<{ result: Simulation } | { formProblem: ApiProblem } | null> => {
    if (this.dirty && !(await this.save())) return null;
    this.clearOutcome();
    this.busy = 'simulate';
    try {
      const result = (await call(adminApi.workflows[':id'].simulate.$post({ param: { id: this.id }, json: input }))) as unknown as Simulation;
      return { result };
    } catch (e) {
      const problem = asProblem(e);
      if (problem.status === 422 && problem.errors.some((p) => p.path.startsWith('fields.'))) return { formProblem: problem };
      await this.refused(problem, 'publish');
      return null;
    } finally {
      this.busy = '';
    }
  };

  /** What the desk would say about the draft as it is now, storing nothing; with no problems, the definition as it would be published. */
  check = async (): Promise<Checked> => {
    if (!this.draft) return { problems: [] };
    return call(adminApi.workflows[':id'].validate.$post({ param: { id: this.id }, json: JSON.parse(this.json) as Record<string, unknown> }));
  };

  /**
   * Publishes an old version again as the next one; the draft becomes it.
   * A draft with unpublished changes is refused (`draft-ahead`) unless
   * `discardDraft`. Returns the new version, or null with the reason in `failure`/`problems`.
   */
  rollback = async (version: number, note: string, discardDraft = false): Promise<number | null> => {
    this.clearOutcome();
    this.busy = 'publish';
    try {
      const done = await call(
        adminApi.workflows[':id'].rollback.$post({ param: { id: this.id }, json: { version, note: note.trim(), baseRevision: this.revision, ...(discardDraft ? { discardDraft } : {}) } }),
      );
      const d = await call(adminApi.workflows[':id'].$get({ param: { id: this.id } }));
      this.take(d);
      this.problems = [];
      this.done = `rolledBack:${done.version.version}:${version}`;
      await this.refreshStatus();
      return done.version.version;
    } catch (e) {
      await this.refused(asProblem(e), 'publish');
      return null;
    } finally {
      this.busy = '';
    }
  };
}

export type Checked = InferResponseType<(typeof adminApi.workflows)[':id']['validate']['$post'], 200>;
