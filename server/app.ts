/**
 * The desk's HTTP application: security middleware, every resource's
 * routes, the API documentation, the built UI, and one error handler.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { apiDocsDir, apiDocsScript, uiDistDir } from './assets.ts';
import type { DeskContext } from './services/desk-context.ts';
import { allow, identify } from './http/access.ts';
import { adminDeskRoutes } from './http/admin-desk.routes.ts';
import { adminGroupMemberRoutes } from './http/admin-group-members.routes.ts';
import { adminTemplateRoutes } from './http/admin-templates.routes.ts';
import { adminUserRoutes } from './http/admin-users.routes.ts';
import { adminOutboxRoutes } from './http/admin-outbox.routes.ts';
import { adminWorkflowRoutes } from './http/admin-workflows.routes.ts';
import { authRoutes } from './http/auth.routes.ts';
import { catalogRoutes } from './http/catalog.routes.ts';
import { router, type DeskEnv } from './http/desk-env.ts';
import { onError, problem } from './http/problem.ts';
import { ticketRoutes } from './http/tickets.routes.ts';
import { ticketActionRoutes } from './http/ticket-actions.routes.ts';
import { viewRoutes } from './http/views.routes.ts';
import { attachmentRoutes } from './http/attachments.routes.ts';
import { rotaRoutes } from './http/rotas.routes.ts';
import { ticketOptionRoutes } from './http/ticket-options.routes.ts';
import { alertRoutes } from './alerts/alerts.routes.ts';
import { deskMetrics, type DeskMetrics } from './observability/desk-metrics.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { exposition } from './observability/metrics.ts';
import { readiness } from './observability/readiness.ts';
import { observeRequests } from './observability/request-observer.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import { preparedAnswerRoutes } from './prepared-answers/prepared-answers.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { agentKnowledgeRoutes } from './agent-knowledge/agent-knowledge.routes.ts';
import { problemRoutes } from './problems/problems.routes.ts';
import { announcementRoutes } from './announcements/announcements.routes.ts';
import { signInRoutes } from './sign-in/sign-in.routes.ts';
import { mailInRoutes } from './mail-in/mail-in.routes.ts';
import { approvalRoutes } from './approvals/approvals.routes.ts';

const maxRequestBytes = 1024 * 1024;
/** Uploads may be larger; each workflow's attachment policy sets the real per-file limit. */
const maxUploadBytes = 64 * 1024 * 1024;
/** A monitoring system's POST carries its alert source's token, not a person's: the alerts service checks it. */
const isAlertIntake = (method: string, path: string) => method === 'POST' && /^\/api\/alerts\/[^/]+$/.test(path);
const isUpload = (method: string, path: string) => method === 'POST' && /^\/api\/(workflows|tickets)\/[^/]+\/attachments$/.test(path);

const strictCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

const readyAnswer = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ migrations: z.string(), database: z.string(), shutdown: z.string() }).describe('"ok", or what is wrong'),
});

/** What the running desk shares with its HTTP app: where logs go, and what /metrics counts. */
export interface Operations {
  log: Logger;
  metrics: DeskMetrics;
}

/**
 * The API reference. Redoc reads /api/openapi.json from its element's
 * attribute, so the page needs no inline script. Its "API docs by Redocly"
 * logo points at a CDN, which the page's img-src keeps it from loading.
 */
const apiDocsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deskwright API</title>
</head>
<body style="margin:0">
<redoc spec-url="/api/openapi.json"></redoc>
<script src="/api/docs/assets/${apiDocsScript}"></script>
</body>
</html>
`;

function apiRoutes() {
  return router()
    .openapi(
      createRoute({
        method: 'get', path: '/healthz', tags: ['Operations'], summary: 'The desk is up and its database answers',
        middleware: [allow('anyone')] as const,
        responses: { 200: { content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } }, description: 'Healthy' } },
      }),
      async (c) => {
        await c.get('desk').db.selectFrom('counters').select('value').limit(1).execute();
        return c.json({ status: 'ok' as const }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/readyz', tags: ['Operations'], summary: 'The desk should get traffic: migrations done, the database takes writes, not shutting down',
        middleware: [allow('anyone')] as const,
        responses: {
          200: { content: { 'application/json': { schema: readyAnswer } }, description: 'Ready' },
          503: { content: { 'application/json': { schema: readyAnswer } }, description: 'Not ready; `checks` says why' },
        },
      }),
      async (c) => {
        const desk = c.get('desk');
        const { ready, checks } = await readiness(desk.db, desk.shuttingDown === true);
        return ready ? c.json({ status: 'ready' as const, checks }, 200) : c.json({ status: 'not-ready' as const, checks }, 503);
      },
    )
    .route('/', authRoutes)
    .route('/', catalogRoutes)
    .route('/', ticketActionRoutes)
    .route('/', ticketRoutes)
    .route('/', ticketOptionRoutes)
    .route('/', viewRoutes)
    .route('/', attachmentRoutes)
    .route('/', rotaRoutes)
    .route('/', adminWorkflowRoutes)
    .route('/', adminTemplateRoutes)
    .route('/', adminDeskRoutes)
    .route('/', adminGroupMemberRoutes)
    .route('/', adminUserRoutes)
    .route('/', adminOutboxRoutes)
    .route('/', alertRoutes)
    .route('/', knowledgeRoutes)
    .route('/', preparedAnswerRoutes)
    .route('/', reportRoutes)
    .route('/', agentKnowledgeRoutes)
    .route('/', problemRoutes)
    .route('/', announcementRoutes)
    .route('/', signInRoutes)
    .route('/', mailInRoutes)
    .route('/', approvalRoutes);
}

/** The typed shape of the API, for the UI's `hc<AppType>` client. */
export type AppType = ReturnType<typeof apiRoutes>;

export function createApp(desk: DeskContext, ops: Partial<Operations> = {}): OpenAPIHono<DeskEnv> {
  const app = new OpenAPIHono<DeskEnv>();
  app.onError(onError);
  const metrics = ops.metrics ?? deskMetrics(desk.db, desk.now);
  app.use('*', observeRequests(ops.log ?? createLogger({ level: desk.config.logLevel }), metrics));

  // The rest of an oversized body is never read, so the connection cannot carry another request: say so, or a
  // keep-alive client sends its next request down a socket the server is about to close.
  const tooLarge = (c: Context, detail: string) => {
    c.header('Connection', 'close');
    return problem(c, 413, 'too-large', detail);
  };
  const requestLimit = bodyLimit({ maxSize: maxRequestBytes, onError: (c) => tooLarge(c, `The request is larger than ${maxRequestBytes / 1024} KiB`) });
  const uploadLimit = bodyLimit({ maxSize: maxUploadBytes, onError: (c) => tooLarge(c, `Uploads are limited to ${maxUploadBytes / 1024 / 1024} MiB at a time`) });
  const sameOrigin = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === desk.config.publicUrl });
  // Redoc builds its search index in a worker it starts from a blob: URL; nothing else differs from the desk's own pages.
  app.use('/api/docs', secureHeaders({ contentSecurityPolicy: { ...strictCsp, workerSrc: ["'self'", 'blob:'] } }));
  // A downloaded file gets a policy under which nothing in it can run or load, even if a browser renders it.
  app.use('/api/attachments/*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], imgSrc: ["'self'"], sandbox: [] } }));
  app.use('*', async (c, next) =>
    c.req.path === '/api/docs' || c.req.path.startsWith('/api/attachments/') ? next() : secureHeaders({ contentSecurityPolicy: strictCsp })(c, next),
  );
  app.use('*', async (c, next) => {
    c.set('desk', desk);
    c.set('user', null);
    await next();
  });
  app.use(
    '/api/*',
    // A bearer token is not sent by browsers on their own, so only cookie sessions need CSRF checks.
    async (c, next) => (c.req.header('authorization')?.startsWith('Bearer ') && !c.req.header('cookie') ? next() : sameOrigin(c, next)),
    // Hono's csrf() looks only at form-like bodies; a cookie-authenticated write of any type must come from the desk's own pages.
    async (c, next) => {
      const safe = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS';
      if (safe || !c.req.header('cookie')) return next();
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const foreignOrigin = origin !== undefined && origin !== new URL(c.req.url).origin && origin !== desk.config.publicUrl;
      if (foreignOrigin || (site !== undefined && site !== 'same-origin')) return problem(c, 403, 'forbidden', 'Writes with a session cookie must come from the desk itself');
      return next();
    },
    async (c, next) => (isUpload(c.req.method, c.req.path) ? uploadLimit(c, next) : requestLimit(c, next)),
    async (c, next) => (isAlertIntake(c.req.method, c.req.path) ? next() : identify(c, next)),
  );

  app.route('/', apiRoutes());
  // For Prometheus with an admin's API token (`bearer_token`), unless METRICS_BIND gives it a listener of its own.
  app.get('/metrics', identify, allow('admin'), async (c) => c.body(await metrics.registry.render(), 200, { 'Content-Type': exposition }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'deskwright_session' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Deskwright API',
      version: '0.1.0',
      description: 'Errors are application/problem+json (RFC 9457); validation errors list `errors: [{ path, message }]`.',
    },
    security: [{ session: [] }, { token: [] }],
  });
  app.get('/api/docs', (c) => c.html(apiDocsPage));
  const docsScript = readFileSync(join(apiDocsDir, apiDocsScript));
  app.get(`/api/docs/assets/${apiDocsScript}`, (c) =>
    c.body(docsScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
  );

  app.all('/api/*', (c) => problem(c, 404, 'not-found', `There is no API at ${c.req.method} ${c.req.path}`));

  const indexFile = join(uiDistDir, 'index.html');
  if (existsSync(uiDistDir)) app.use('/*', serveStatic({ root: relative(process.cwd(), uiDistDir) }));
  // The UI routes in the browser: any other page gets the app's shell.
  app.get('*', (c) =>
    existsSync(indexFile)
      ? c.html(readFileSync(indexFile, 'utf8'))
      : c.text('The web UI is not built yet: run `npm run build:ui`. The API is at /api/docs.', 503),
  );
  return app;
}
