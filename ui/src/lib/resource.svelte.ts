/** Something a page loads from the API, with its loading and error states. */
import { ApiProblem, isProblem } from './api/problem.ts';

export class Resource<T> {
  data = $state<T | undefined>(undefined);
  error = $state<ApiProblem | null>(null);
  /**
   * Why the last quiet reload failed, while what was shown before stays
   * shown (and whatever was typed on the page with it); null once a load succeeds.
   */
  stale = $state<ApiProblem | null>(null);
  loading = $state(true);
  /** Only the newest load may write: an older answer arriving late is dropped. */
  #latest = 0;
  #inFlight: AbortController | null = null;

  /** `fetcher` may pass the signal on to its requests: it is aborted when a newer load starts. */
  constructor(private readonly fetcher: (signal: AbortSignal) => Promise<T>) {}

  /**
   * Loads (again). `quiet` keeps what is shown while reloading, for live
   * refreshes; a quiet reload that fails keeps it too, and says so in `stale`.
   */
  load = async (options: { quiet?: boolean } = {}) => {
    const mine = ++this.#latest;
    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    if (!options.quiet) this.loading = true;
    try {
      const data = await this.fetcher(controller.signal);
      if (mine !== this.#latest) return;
      this.data = data;
      this.error = null;
      this.stale = null;
    } catch (e) {
      if (mine !== this.#latest) return;
      const problem = asProblem(e);
      if (options.quiet && this.data !== undefined && !this.error) this.stale = problem;
      else this.error = problem;
    } finally {
      if (mine === this.#latest) {
        this.loading = false;
        this.#inFlight = null;
      }
    }
  };
}

/** Any failure as an ApiProblem; a bug in the UI itself reads like the server's 500. */
export function asProblem(e: unknown): ApiProblem {
  if (isProblem(e)) return e;
  console.error(e);
  return new ApiProblem(500, 'internal', '');
}
