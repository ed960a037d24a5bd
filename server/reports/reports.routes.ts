/** The manager's reports: GET /api/reports/{report}, as JSON or (format=csv) the same table as a download. */
import { createRoute, z } from '@hono/zod-openapi';
import { allow, currentUser } from '../http/access.ts';
import { router } from '../http/desk-env.ts';
import { jsonResponse, problems } from '../http/openapi-helpers.ts';
import { toCsv } from './csv.ts';
import { reportNames, reportQuery, reportTable } from './report.schema.ts';
import { runReport } from './reports.service.ts';

export const reportRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/api/reports/{report}',
    tags: ['Reports'],
    summary: 'One report table over a period (days in the viewer\'s time zone), with optional queue, group, agent, workflow and priority filters',
    description:
      'volume: created, resolved and backlog per day · backlog: open tickets by age per queue · today: the live dashboard per queue · ' +
      'sla: response and resolution targets met/breached per queue and priority · times: mean and median minutes to first response and resolution, business and wall time · ' +
      'quality: first-contact resolution, reopens, escalations, complaints · agents: workload per agent · satisfaction: ratings 1–5 · comments: satisfaction comments.',
    middleware: [allow('manager', 'admin')] as const,
    request: { params: z.object({ report: z.enum(reportNames) }), query: reportQuery },
    responses: {
      200: {
        description: 'The report table (JSON), or the same table as CSV',
        content: {
          'application/json': { schema: reportTable.extend({ summary: z.record(z.string(), z.number().nullable()).optional() }) },
          'text/csv': { schema: z.string() },
        },
      },
      ...problems(401, 403, 422),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const table = await runReport(c.get('desk'), currentUser(c), c.req.valid('param').report, query);
    if (query.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${table.report}-${table.period.from}-${table.period.to}.csv"`);
      return c.body(toCsv(table), 200);
    }
    return c.json(table, 200);
  },
);
