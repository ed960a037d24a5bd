/**
 * The API's route table as the app declares it, and the policy each route
 * was reviewed with. A route whose policy changes, or a new route, fails
 * the matrix until someone updates `reviewedPolicies` on purpose.
 */
import { createApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import type { DeskContext } from '../../../server/services/desk-context.ts';

export interface ApiRoute {
  method: string;
  /** Hono's form, e.g. `/api/tickets/:id`. */
  path: string;
  key: string;
  audience: readonly string[];
}

/** Documentation and the not-found fallback serve no desk data and declare no policy. */
const documentation = new Set(['/api/openapi.json', '/api/docs', '/api/docs/assets/redoc.standalone.js', '/api/*']);

/** Every API route with its declared `allow(...)` audience (routes without one are route-policies.test.ts's business). */
export function apiRoutes(): ApiRoute[] {
  // Only the route table is read; nothing touches the database.
  const app = createApp({ db: {} as DeskContext['db'], config: loadConfig({}), now: () => new Date() });
  const routes = new Map<string, ApiRoute>();
  for (const r of app.routes) {
    const audience = (r.handler as { audience?: readonly string[] }).audience;
    if (!audience || documentation.has(r.path)) continue;
    const key = `${r.method} ${r.path}`;
    routes.set(key, { method: r.method, path: r.path, key, audience });
  }
  return [...routes.values()];
}

const staff = ['agent', 'specialist', 'manager', 'admin'];

/**
 * Who may call each route outside /api/admin/, as reviewed for issue 8.
 * Everything under /api/admin/ is for admins only, whatever it is.
 */
export const reviewedPolicies: Record<string, readonly string[]> = {
  'GET /healthz': ['anyone'],
  // Says only whether migrations are done and the database takes writes, never what it holds.
  'GET /readyz': ['anyone'],
  // Counts and latencies; an admin's token, or a METRICS_BIND listener on an inside address.
  'GET /metrics': ['admin'],
  'POST /api/auth/login': ['anyone'],
  'POST /api/auth/logout': ['anyone'],
  // How one may sign in (passwords, the provider's name); the provider sign-in itself, which proves who one is.
  'GET /api/auth/methods': ['anyone'],
  'GET /api/auth/oidc/start': ['anyone'],
  'GET /api/auth/oidc/callback': ['anyone'],
  'POST /api/auth/oidc/logout': ['anyone'],
  'GET /api/me': ['signed-in'],
  // Only the caller's own language and time zone; the body refuses any other key (roles, groups…).
  'PATCH /api/me': ['signed-in'],
  'GET /api/catalog': ['signed-in'],
  'POST /api/workflows/:id/submissions': ['signed-in'],
  'POST /api/workflows/:id/attachments': ['signed-in'],
  'GET /api/tickets': ['signed-in'],
  'GET /api/tickets/:id': ['signed-in'],
  'GET /api/tickets/:id/events': ['signed-in'],
  'GET /api/tickets/:id/options': ['signed-in'],
  'POST /api/tickets/:id/comments': ['signed-in'],
  'POST /api/tickets/:id/confirm': ['signed-in'],
  'POST /api/tickets/:id/reopen': ['signed-in'],
  'POST /api/tickets/:id/attachments': ['signed-in'],
  'GET /api/attachments/:id': ['signed-in'],
  'POST /api/tickets/:id/transitions': staff,
  'POST /api/tickets/:id/assign': staff,
  'POST /api/tickets/:id/escalate': staff,
  'PATCH /api/tickets/:id': staff,
  'POST /api/tickets/:id/links': staff,
  'POST /api/tickets/bulk': staff,
  'GET /api/queues': staff,
  'GET /api/queues/:id/tickets': staff,
  'GET /api/views': staff,
  'POST /api/views': staff,
  'DELETE /api/views/:id': staff,
  'GET /api/groups/:id/rota': staff,
  'PUT /api/groups/:id/rota': ['manager', 'admin'],
  // A monitoring system's intake: no person signs in; the alert source's own bearer token is checked (401 without it).
  'POST /api/alerts/:sourceId': ['anyone'],
  'GET /api/alerts/awaiting': staff,
  'POST /api/alerts/:id/incident': staff,
  'POST /api/alerts/:id/link': staff,
  'POST /api/alerts/:id/dismiss': staff,
  'GET /api/tickets/:id/alerts': staff,
  // Readers: the service narrows what each role finds (requesters public published articles only).
  'GET /api/knowledge/articles': ['signed-in'],
  'GET /api/knowledge/articles/:id': ['signed-in'],
  'GET /api/knowledge/suggest': ['signed-in'],
  'POST /api/knowledge/deflections': ['signed-in'],
  // Rendering checks the caller works the ticket (404 otherwise) and may use the answer (desk-wide or their group's).
  'GET /api/prepared-answers': staff,
  'POST /api/prepared-answers/:id/render': staff,
  'GET /api/reports/:report': ['manager', 'admin'],
  // Staff who follow the ticket (404 otherwise); requesters never get suggestions, internal articles included.
  'GET /api/tickets/:id/suggestions': staff,
  'POST /api/tickets/:id/articles': staff,
  // Problems and known errors: staff only (a known error's root cause and a problem's links are internal); the service also checks the caller works the ticket.
  // Outage notices: managers and admins write them; everyone signed in sees the live ones and may say "me too".
  'GET /api/announcements': ['manager', 'admin'],
  'GET /api/announcements/:id': ['manager', 'admin'],
  'GET /api/announcements/:id/mailing': ['manager', 'admin'],
  'POST /api/announcements': ['manager', 'admin'],
  'PUT /api/announcements/:id': ['manager', 'admin'],
  'POST /api/announcements/:id/end': ['manager', 'admin'],
  'POST /api/announcements/:id/mailing': ['manager', 'admin'],
  'GET /api/announcements/live': ['signed-in'],
  'POST /api/announcements/:id/affected': ['signed-in'],
  // Approvals: anyone signed in may be an approver (the service lists and decides only their own steps);
  // the mail link needs no sign-in, its single-use signed token is the permission.
  'GET /api/approvals': ['signed-in'],
  'POST /api/approvals/:id/decision': ['signed-in'],
  'GET /api/approval-links/:token': ['anyone'],
  'POST /api/approval-links/:token/decision': ['anyone'],
  'GET /api/problems/:id/incidents': staff,
  'POST /api/problems/:id/incidents': staff,
  'DELETE /api/problems/:id/incidents/:ticketId': staff,
  'GET /api/problems/:id/known-error': staff,
  'PUT /api/problems/:id/known-error': staff,
  'POST /api/problems/:id/resolve': staff,
  'GET /api/tickets/:id/known-errors': staff,
  'POST /api/tickets/:id/known-errors/:knownErrorId/apply': staff,
};

/** Routes a machine calls with a token of its own: everyone else, signed in or not, gets 401 `bad-token`. */
export const machineRoutes = new Set(['POST /api/alerts/:sourceId']);

/** The policy a route should declare: admins only under /api/admin/, else what was reviewed (undefined: never reviewed). */
export function reviewedPolicy(route: Pick<ApiRoute, 'key' | 'path'>): readonly string[] | undefined {
  return route.path.startsWith('/api/admin/') ? ['admin'] : reviewedPolicies[route.key];
}

/** What a role holding `roles` should get from a route's policy alone. */
export function policyAnswer(audience: readonly string[], roles: readonly string[]): 'passes' | 401 | 403 {
  if (audience.includes('anyone')) return 'passes';
  if (roles.length === 0) return 401;
  if (audience.includes('signed-in') || roles.some((r) => audience.includes(r))) return 'passes';
  return 403;
}

/** A path with its parameters filled: ids nobody has, so calling it changes nothing. */
export function withNothingBehind(path: string): string {
  return path.replace(':locale', 'en').replace(':name', 'no-such-template').replace(/:id\b/, path.startsWith('/api/tickets') || path.startsWith('/api/attachments') || path.startsWith('/api/views') ? '999999' : 'no-such-thing');
}
