/**
 * Where focus goes in the builder's tabs: to a row the admin was taken to
 * from the list of problems, to a new row, and after a row is removed (the
 * row now in its place, else the one before, else the list's heading), so
 * keyboard and screen-reader users never land back at the top of the page.
 */
import { tick } from 'svelte';
import type { WorkflowEditor } from './editor.svelte.ts';
import type { BuilderTab } from './error-paths.ts';

/** Focuses the element with this id once the page shows it, scrolled into view. */
export async function focusSoon(id: string): Promise<void> {
  await tick();
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: 'nearest' });
  el?.focus();
}

/** The element to focus once row `removed` of a list has gone and `left` rows remain. */
export const afterRemoving = (removed: number, left: number, rowId: (row: number) => string, emptyId: string): string =>
  left === 0 ? emptyId : rowId(Math.min(removed, left - 1));

/**
 * Follows the builder's jumps to this tab (from the list of problems): focuses
 * the row named, or the tab's heading. Call while the tab's component starts.
 */
export function followJumps(editor: WorkflowEditor, tab: BuilderTab, rowId: (row: number) => string, headingId: string): void {
  $effect(() => {
    const f = editor.focus;
    if (f?.tab !== tab) return;
    editor.focus = null;
    void focusSoon(f.row !== undefined ? rowId(f.row) : headingId);
  });
}

/**
 * The ↑ or ↓ button to focus once a row moved to `to` with one of them: the
 * same one, or the other once the row reached that end (where it is disabled).
 * The buttons' ids are the row's id and `-up` or `-down`.
 */
export function afterMoving(to: number, length: number, went: 'up' | 'down', rowId: (row: number) => string): string {
  const atEnd = went === 'up' ? to === 0 : to === length - 1;
  const other = went === 'up' ? 'down' : 'up';
  return `${rowId(to)}-${atEnd ? other : went}`;
}
