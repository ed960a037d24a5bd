/**
 * The UI's only way to the desk: Hono's typed RPC client over the public
 * HTTP API. Types come from the server's route declarations (type-only
 * imports, erased at build time), so a changed route breaks the UI's
 * typecheck, not its users. One client per resource router: the app's
 * combined type is widened by the admin settings routes, whose paths are
 * built from a plain string.
 */
import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { authRoutes } from '../../../../server/http/auth.routes.ts';
import type { catalogRoutes } from '../../../../server/http/catalog.routes.ts';
import type { ticketRoutes } from '../../../../server/http/tickets.routes.ts';
import type { ticketActionRoutes } from '../../../../server/http/ticket-actions.routes.ts';
import type { ticketOptionRoutes } from '../../../../server/http/ticket-options.routes.ts';
import type { viewRoutes } from '../../../../server/http/views.routes.ts';
import type { attachmentRoutes } from '../../../../server/http/attachments.routes.ts';
import { ApiProblem } from './problem.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const api = {
  auth: hc<typeof authRoutes>(base).api,
  catalog: hc<typeof catalogRoutes>(base).api,
  tickets: hc<typeof ticketRoutes>(base).api,
  work: hc<typeof ticketActionRoutes>(base).api,
  options: hc<typeof ticketOptionRoutes>(base).api,
  views: hc<typeof viewRoutes>(base).api,
  files: hc<typeof attachmentRoutes>(base).api,
};

/** The body of a request's successful answers (the error answers are problem+json, read by ApiProblem). */
type Body<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * Awaits a request and returns its JSON body, or throws an ApiProblem: the
 * server's problem+json, or one standing for a network failure or an
 * answer that is not the API's (never shown raw).
 */
export async function call<R extends ClientResponse<unknown, number, 'json'>>(request: Promise<R>): Promise<Body<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (res.ok) return (res.status === 204 ? null : await res.json()) as Body<R>;
  throw await ApiProblem.from(res as unknown as Response);
}
