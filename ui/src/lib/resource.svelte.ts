/** Something a page loads from the API, with its loading and error states. */
import { ApiProblem, isProblem } from './api/problem.ts';

export class Resource<T> {
  data = $state<T | undefined>(undefined);
  error = $state<ApiProblem | null>(null);
  loading = $state(true);

  constructor(private readonly fetcher: () => Promise<T>) {}

  /** Loads (again). `quiet` keeps what is shown while reloading, for live refreshes. */
  load = async (options: { quiet?: boolean } = {}) => {
    if (!options.quiet) this.loading = true;
    try {
      this.data = await this.fetcher();
      this.error = null;
    } catch (e) {
      this.error = asProblem(e);
    } finally {
      this.loading = false;
    }
  };
}

/** Any failure as an ApiProblem; a bug in the UI itself reads like the server's 500. */
export function asProblem(e: unknown): ApiProblem {
  if (isProblem(e)) return e;
  console.error(e);
  return new ApiProblem(500, 'internal', '');
}
