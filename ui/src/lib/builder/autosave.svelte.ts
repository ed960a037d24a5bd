/**
 * Autosave for the builder: a few seconds after the last change the draft
 * saves itself, through the same save as the button (so with its revision:
 * someone else's newer save is the usual conflict, and autosave stops until
 * the admin resolves it). A save the desk refuses keeps the edits and shows
 * its problems quietly beside their controls. Meanwhile every unsaved edit
 * is also kept in this browser (localStorage, per workflow and the revision
 * it started from), so a reload or a crash brings it back.
 */
import type { WorkflowEditor } from './editor.svelte.ts';

/** What the admin chose: autosave on (the default) or off, for every workflow in this browser. */
const preferenceKey = 'deskwright.builder.autosave';
const keptPrefix = (id: string) => `deskwright.builder.unsaved.${id}@`;

/** Where unsaved edits to `id`, started from `revision`, are kept. */
export const keptKey = (id: string, revision: number) => `${keptPrefix(id)}${revision}`;

interface Kept {
  json: string;
  at: string;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class Autosave {
  enabled = $state(storage()?.getItem(preferenceKey) !== 'off');
  /** checking: a save is under way; refused: the desk found problems (or a JSON box does not parse); stopped: a conflict. */
  state = $state<'idle' | 'saving' | 'refused' | 'stopped'>('idle');
  /** When the edits restored from this browser had been made, while the notice shows. */
  restoredFrom = $state<string | null>(null);
  /** The draft's real revision while restored edits sit on an older one. */
  private restoredOver: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Nothing is kept or saved until the draft is loaded and anything kept has been restored. */
  private ready = false;

  constructor(
    private readonly editor: WorkflowEditor,
    readonly delayMs = 3000,
  ) {}

  setEnabled = (on: boolean) => {
    this.enabled = on;
    storage()?.setItem(preferenceKey, on ? 'on' : 'off');
    if (on) this.changed();
    else clearTimeout(this.timer);
  };

  /**
   * After the draft is loaded: brings back edits kept in this browser. Edits
   * that started from an older revision (someone saved since) come back on
   * top of that revision, so the next save meets the usual conflict and the
   * admin chooses; they are never dropped silently.
   */
  restore = () => {
    const e = this.editor;
    const store = storage();
    this.ready = true;
    if (!store || !e.draft) return;
    const current = e.revision;
    let found: { key: string; revision: number } | null = null;
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      const revision = key?.startsWith(keptPrefix(e.id)) ? Number(key.slice(keptPrefix(e.id).length)) : NaN;
      if (key && Number.isInteger(revision) && revision <= current && (!found || revision > found.revision)) found = { key, revision };
    }
    if (!found) return;
    try {
      const kept = JSON.parse(store.getItem(found.key)!) as Kept;
      if (kept.json === e.json && found.revision === current) return;
      e.draft = JSON.parse(kept.json) as typeof e.draft;
      e.revision = found.revision;
      this.restoredOver = current;
      this.restoredFrom = kept.at;
    } catch {
      store.removeItem(found.key);
    }
  };

  /** Throws the restored edits away: back to the saved draft, at the revision it really has. */
  discardRestored = () => {
    this.restoredFrom = null;
    if (this.restoredOver !== null) this.editor.revision = this.restoredOver;
    this.restoredOver = null;
    this.editor.revert();
  };

  /** Call on every change of the draft: keeps it in this browser and schedules a save. */
  changed = () => {
    if (!this.ready) return;
    if (this.state === 'stopped' && !this.editor.conflict) this.state = 'idle';
    this.keep();
    clearTimeout(this.timer);
    const e = this.editor;
    if (!e.draftDirty) {
      if (this.state === 'refused') this.state = 'idle';
      return;
    }
    if (this.enabled && !e.conflict) this.timer = setTimeout(this.run, this.delayMs);
  };

  stop = () => clearTimeout(this.timer);

  private keep() {
    const store = storage();
    const e = this.editor;
    if (!store) return;
    const key = keptKey(e.id, e.revision);
    for (let i = store.length - 1; i >= 0; i--) {
      const k = store.key(i);
      if (k?.startsWith(keptPrefix(e.id)) && k !== key) store.removeItem(k);
    }
    if (e.draftDirty) store.setItem(key, JSON.stringify({ json: e.json, at: new Date().toISOString() } satisfies Kept));
    else store.removeItem(key);
  }

  private run = async () => {
    const e = this.editor;
    if (!this.enabled || !e.draftDirty || e.conflict) return;
    // The admin is saving, publishing or simulating: try again once that is done.
    if (e.busy !== '') {
      this.timer = setTimeout(this.run, this.delayMs);
      return;
    }
    this.state = 'saving';
    const saved = await e.save({ auto: true });
    if (saved) {
      this.state = 'idle';
      this.restoredFrom = null;
      this.restoredOver = null;
      this.keep();
    } else this.state = e.conflict ? 'stopped' : 'refused';
  };
}
