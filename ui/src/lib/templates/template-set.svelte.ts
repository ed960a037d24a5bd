/**
 * One template as an admin edits it: its subject and body in each language
 * the desk speaks, what is saved of each, the desk's problems per language
 * (from the live check or a refused save), and saving the languages that
 * changed. Templates are desk-wide and saved directly (no draft); a refused
 * save keeps everything typed.
 */
import { call } from '../api/client.ts';
import type { ApiProblem } from '../api/problem.ts';
import { adminApi, type StoredTemplate } from '../builder/api.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { asProblem } from '../resource.svelte.ts';
import { placeOf, type TemplateProblem } from './template-problems.ts';

export const templateLocales: readonly Locale[] = locales.map((l) => l.id);

export interface TemplateVersion {
  subject: string;
  body: string;
  /** What the desk has for this language, or null when it has none yet. */
  saved: StoredTemplate | null;
}

const blank = (): TemplateVersion => ({ subject: '', body: '', saved: null });

export class TemplateSet {
  versions = $state<Record<Locale, TemplateVersion>>(Object.fromEntries(templateLocales.map((l) => [l, blank()])) as Record<Locale, TemplateVersion>);
  locale = $state<Locale>('en');
  /** The desk's problems per language: from the last check (preview) or refused save. */
  problems = $state<Partial<Record<Locale, TemplateProblem[]>>>({});
  /** A refusal with no place in the text (a render failure, the network…). */
  failure = $state<ApiProblem | null>(null);
  busy = $state(false);
  /** What just succeeded, for the status line. */
  done = $state('');

  /** The languages with changes the desk does not have: edited ones, and written ones it has none of. */
  readonly changed = $derived(
    templateLocales.filter((l) => {
      const v = this.versions[l];
      return v.saved ? v.subject !== v.saved.subject || v.body !== v.saved.body : v.subject !== '' || v.body !== '';
    }),
  );
  readonly dirty = $derived(this.changed.length > 0);
  /** A template the desk has in no language yet. */
  readonly isNew = $derived(templateLocales.every((l) => !this.versions[l].saved));

  constructor(readonly name: string) {}

  /** This template as the desk has it (a new one when it has none). */
  static async load(name: string): Promise<TemplateSet> {
    const { items } = await call(adminApi.templates.$get());
    return TemplateSet.from(name, items);
  }

  static from(name: string, stored: readonly StoredTemplate[]): TemplateSet {
    const set = new TemplateSet(name);
    for (const t of stored) {
      if (t.name !== name || !(templateLocales as readonly string[]).includes(t.locale)) continue;
      set.versions[t.locale as Locale] = { subject: t.subject, body: t.body, saved: t };
    }
    return set;
  }

  /** Takes the desk's problems for a language; true when they were about the template's text. */
  takeProblems(locale: Locale, problem: ApiProblem): boolean {
    const placed = problem.status === 422 ? problem.errors.map(placeOf).filter((p) => p !== null) : [];
    if (!placed.length) return false;
    this.problems[locale] = placed;
    return true;
  }

  /**
   * Saves every changed language, English first (a workflow may only name a
   * template English has). Stops at the first refusal and shows that
   * language with its problems; returns whether everything is saved.
   */
  save = async (): Promise<boolean> => {
    this.failure = null;
    this.done = '';
    const order = [...this.changed].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : 0));
    if (this.isNew && !order.includes('en')) {
      this.locale = 'en';
      this.done = 'needsEnglish';
      return false;
    }
    this.busy = true;
    try {
      for (const locale of order) {
        const v = this.versions[locale];
        try {
          const saved = await call(adminApi.templates[':locale'][':name'].$put({ param: { locale, name: this.name }, json: { subject: v.subject, body: v.body } }));
          // Only what was sent is saved: typing during the save stays unsaved.
          v.saved = { ...saved, shippedVersion: v.saved?.shippedVersion ?? false };
          this.problems[locale] = [];
        } catch (e) {
          const problem = asProblem(e);
          this.locale = locale;
          if (!this.takeProblems(locale, problem)) this.failure = problem;
          return false;
        }
      }
      this.done = 'saved';
      return true;
    } finally {
      this.busy = false;
    }
  };

  /** Runs one call for the language shown; a refusal (409: in use, nothing shipped) shows as the failure. */
  private async act(work: (locale: Locale) => Promise<void>, done: string): Promise<boolean> {
    this.failure = null;
    this.done = '';
    this.busy = true;
    try {
      await work(this.locale);
      this.problems[this.locale] = [];
      this.done = done;
      return true;
    } catch (e) {
      this.failure = asProblem(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Puts the shipped text back for the language shown (what was typed there is replaced). */
  revert = (): Promise<boolean> =>
    this.act(async (locale) => {
      const saved = await call(adminApi.templates[':locale'][':name'].revert.$post({ param: { locale, name: this.name } }));
      this.versions[locale] = { subject: saved.subject, body: saved.body, saved: { ...saved, shippedVersion: true } };
    }, 'reverted');

  /** Deletes the language shown; the desk refuses while a workflow sends the template. */
  remove = (): Promise<boolean> =>
    this.act(async (locale) => {
      await call(adminApi.templates[':locale'][':name'].$delete({ param: { locale, name: this.name } }));
      this.versions[locale] = blank();
    }, 'deleted');
}
