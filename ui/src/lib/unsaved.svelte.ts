/**
 * Holds a page with unsaved work: the browser asks before a reload or
 * close, the app before its own links and back/forward (`router.guard`).
 * Call while the page's component starts; it lets go when the page goes.
 */
import { router } from './router.svelte.ts';

export function holdUnsaved(dirty: () => boolean, question: () => string): void {
  $effect(() => {
    const unload = (event: BeforeUnloadEvent) => {
      if (!dirty()) return;
      event.preventDefault();
      // Older browsers ask only when this is set.
      event.returnValue = '';
    };
    addEventListener('beforeunload', unload);
    const unguard = router.guard(() => !dirty() || confirm(question()));
    return () => {
      removeEventListener('beforeunload', unload);
      unguard();
    };
  });
}
