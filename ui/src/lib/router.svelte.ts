/**
 * A small history router: the server answers every page with the app's
 * shell, so the URL alone decides the screen. Links are plain <a href>;
 * clicks on same-origin links are taken over here.
 */
class Router {
  path = $state(location.pathname);
  query = $state(new URLSearchParams(location.search));

  /** Checks that pages with unsaved work add (see `guard`); any returning false keeps the person on the page. */
  private guards = new Set<() => boolean>();

  constructor() {
    addEventListener('popstate', () => {
      // Back or forward cannot be cancelled, only undone: step back onto the page being left.
      if (location.pathname !== this.path && !this.mayLeave()) {
        history.pushState(null, '', this.path + (this.query.toString() ? `?${this.query}` : ''));
        return;
      }
      this.sync();
    });
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (link.target || link.hasAttribute('download') || link.origin !== location.origin || link.pathname.startsWith('/api/')) return;
      // A link within the page (the skip link) is the browser's to follow: it moves focus there.
      if (link.getAttribute('href')?.startsWith('#')) return;
      event.preventDefault();
      this.go(link.pathname + link.search);
    });
  }

  private sync() {
    this.path = location.pathname;
    this.query = new URLSearchParams(location.search);
  }

  /** Opens a page; `replace` keeps the back button from stepping through every filter change. */
  go(url: string, options: { replace?: boolean } = {}) {
    if (url === location.pathname + location.search) return;
    if (new URL(url, location.href).pathname !== location.pathname && !this.mayLeave()) return;
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.sync();
    if (!options.replace) scrollTo(0, 0);
  }

  /** Registers a check run before leaving the page (e.g. "discard unsaved changes?"); returns its removal. */
  guard(check: () => boolean): () => void {
    this.guards.add(check);
    return () => this.guards.delete(check);
  }

  private mayLeave(): boolean {
    return [...this.guards].every((check) => check());
  }

  /** The parts of the path matching a pattern like "/my-tickets/:id", or null. */
  match<K extends string>(pattern: string): Record<K, string> | null {
    const want = pattern.split('/');
    const got = this.path.replace(/\/+$/, '').split('/');
    if (want.length !== got.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < want.length; i++) {
      if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(got[i]!);
      else if (want[i] !== got[i]) return null;
    }
    return params as Record<K, string>;
  }
}

export const router = new Router();
