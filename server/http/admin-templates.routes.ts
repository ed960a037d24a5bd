/** Admins edit and preview notification templates. */
import { createRoute, z } from '@hono/zod-openapi';
import { storedTemplate, templateSource } from '../engine/template.schema.ts';
import { listTemplates } from '../db/templates.repository.ts';
import { locales } from '../engine/people/people.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';
import { previewTemplate, saveTemplate } from '../services/template.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const rendered = z.object({ subject: z.string(), text: z.string(), html: z.string() });

export const adminTemplateRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/templates', tags: ['Admin: templates'], summary: 'Every template in every locale',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(storedTemplate) }), 'Templates'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listTemplates(c.get('desk').db) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/templates/{locale}/{name}', tags: ['Admin: templates'],
      summary: 'Save a template; refused with line and column when it does not compile',
      middleware: [allow('admin')] as const,
      request: { params: z.object({ locale: z.enum(locales), name: slug }), body: jsonBody(templateSource) },
      responses: { 200: jsonResponse(storedTemplate, 'Saved'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { locale, name } = c.req.valid('param');
      return c.json(await saveTemplate(c.get('desk'), currentUser(c).email, name, locale, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/templates/preview', tags: ['Admin: templates'],
      summary: 'Render a template against a sample ticket; nothing is saved',
      middleware: [allow('admin')] as const,
      request: {
        body: jsonBody(
          z.object({
            template: templateSource,
            locale: z.enum(locales).default('en'),
            ticket: z.record(z.string(), z.unknown()).optional().describe('Overrides for the sample ticket'),
          }),
        ),
      },
      responses: { 200: jsonResponse(rendered, 'The rendered message'), ...problems(401, 403, 422) },
    }),
    (c) => {
      const { template, locale, ticket } = c.req.valid('json');
      return c.json(previewTemplate(c.get('desk'), template, locale, ticket), 200);
    },
  );
