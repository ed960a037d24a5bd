/**
 * What a page loads (`Resource`): only the newest answer is shown, however
 * late an older one arrives, and a quiet refresh that fails keeps the page
 * (and so whatever was typed on it) with a notice instead of an error.
 */
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../ui/src/lib/api/problem.ts';
import { Resource } from '../../ui/src/lib/resource.svelte.ts';

/** A fetcher whose answers the test hands out, in any order. */
function controlled<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void; signal: AbortSignal }[] = [];
  const fetcher = (signal: AbortSignal) => new Promise<T>((resolve, reject) => pending.push({ resolve, reject, signal }));
  return { fetcher, pending };
}

describe('Resource', () => {
  it('shows the newest answer when an older request answers last', async () => {
    const { fetcher, pending } = controlled<string>();
    const r = new Resource(fetcher);
    const first = r.load();
    const second = r.load();
    pending[1]!.resolve('newer');
    await second;
    pending[0]!.resolve('older');
    await first;
    expect(r.data).toBe('newer');
    expect(r.loading).toBe(false);
    // The older request was told to stop.
    expect(pending[0]!.signal.aborted).toBe(true);
    expect(pending[1]!.signal.aborted).toBe(false);
  });

  it('does not let an older request’s failure replace a newer answer', async () => {
    const { fetcher, pending } = controlled<string>();
    const r = new Resource(fetcher);
    const first = r.load();
    const second = r.load();
    pending[1]!.resolve('newer');
    await second;
    pending[0]!.reject(new ApiProblem(0, 'network', ''));
    await first;
    expect(r.data).toBe('newer');
    expect(r.error).toBeNull();
  });

  it('keeps loading until the newest request answers', async () => {
    const { fetcher, pending } = controlled<string>();
    const r = new Resource(fetcher);
    const first = r.load();
    void r.load();
    pending[0]!.resolve('older');
    await first;
    expect(r.loading).toBe(true);
    expect(r.data).toBeUndefined();
  });

  it('keeps what is shown when a quiet refresh fails, and says it may be out of date', async () => {
    const { fetcher, pending } = controlled<string>();
    const r = new Resource(fetcher);
    const first = r.load();
    pending[0]!.resolve('ticket v1');
    await first;
    const quiet = r.load({ quiet: true });
    expect(r.loading).toBe(false);
    pending[1]!.reject(new ApiProblem(503, 'unavailable', 'Down for a moment'));
    await quiet;
    expect(r.data).toBe('ticket v1');
    expect(r.error).toBeNull();
    expect(r.stale?.status).toBe(503);
    // The next good answer clears the notice.
    const again = r.load({ quiet: true });
    pending[2]!.resolve('ticket v2');
    await again;
    expect(r.data).toBe('ticket v2');
    expect(r.stale).toBeNull();
  });

  it('shows an error when a first load (or one the person asked for) fails', async () => {
    const { fetcher, pending } = controlled<string>();
    const r = new Resource(fetcher);
    const first = r.load({ quiet: true });
    pending[0]!.reject(new ApiProblem(404, 'not-found', ''));
    await first;
    expect(r.error?.status).toBe(404);
    expect(r.stale).toBeNull();

    const retry = r.load();
    pending[1]!.resolve('found');
    await retry;
    const loud = r.load();
    pending[2]!.reject(new ApiProblem(500, 'internal', ''));
    await loud;
    expect(r.error?.status).toBe(500);
  });
});
