/** Admins edit and preview notification templates. */
import { createRoute, z } from '@hono/zod-openapi';
import { storedTemplate, templateSource } from '../engine/template.schema.ts';
import { locales } from '../engine/people/people.schema.ts';
import { slug } from '../engine/workflow/workflow.schema.ts';
import { previewTemplate, templateGuide } from '../services/template-preview.service.ts';
import { removeTemplate, revertTemplate, saveTemplate, templatesWithShipped } from '../services/template.service.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonBody, jsonResponse, problems } from './openapi-helpers.ts';

const rendered = z.object({ subject: z.string(), text: z.string(), html: z.string() });

const ticketId = z.coerce.number().int().positive().optional().describe("Render against this ticket's context as it is now instead of the sample ticket");

const guide = z.object({
  variables: z.array(
    z.object({
      path: z.string().describe('What goes between the braces, e.g. ticket.queue.name'),
      description: z.string(),
      example: z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('Its value for the sample (or chosen) ticket in the chosen language'),
    }),
  ),
  helpers: z.array(z.object({ name: z.string(), usage: z.string(), description: z.string() })),
});

const listed = storedTemplate.extend({ shippedVersion: z.boolean().describe('The desk ships a version of this name and locale, so it can be returned to the shipped text') });
const which = z.object({ locale: z.enum(locales), name: slug });

const compileProblems = 'A template that does not compile: each error\'s `path` is `<part>:<line>:<column>` (`subject:1:5`, `body:3:12`; line and column count from 1)';

export const adminTemplateRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/templates', tags: ['Admin: templates'], summary: 'Every template in every locale',
      middleware: [allow('admin')] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(listed) }), 'Templates'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await templatesWithShipped(c.get('desk')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/api/admin/templates/{locale}/{name}', tags: ['Admin: templates'],
      summary: 'Save a template; refused with line and column when it does not compile',
      description: compileProblems,
      middleware: [allow('admin')] as const,
      request: { params: which, body: jsonBody(templateSource) },
      responses: { 200: jsonResponse(storedTemplate, 'Saved'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { locale, name } = c.req.valid('param');
      return c.json(await saveTemplate(c.get('desk'), currentUser(c).email, name, locale, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/templates/{locale}/{name}/revert', tags: ['Admin: templates'],
      summary: 'Return a template to the text the desk ships; 409 when it ships none of that name and locale',
      middleware: [allow('admin')] as const,
      request: { params: which },
      responses: { 200: jsonResponse(storedTemplate, 'Back to the shipped text'), ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const { locale, name } = c.req.valid('param');
      return c.json(await revertTemplate(c.get('desk'), currentUser(c).email, name, locale), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/api/admin/templates/{locale}/{name}', tags: ['Admin: templates'],
      summary: 'Delete a template an admin made',
      description: '409 when the desk ships it (return it to the shipped text instead), or when a workflow — published or draft — sends it: `errors` name each workflow (`path`) and where it is used.',
      middleware: [allow('admin')] as const,
      request: { params: which },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const { locale, name } = c.req.valid('param');
      await removeTemplate(c.get('desk'), name, locale);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/api/admin/templates/preview', tags: ['Admin: templates'],
      summary: 'Render a template against a sample ticket (or a real one); nothing is saved',
      description: compileProblems,
      middleware: [allow('admin')] as const,
      request: {
        body: jsonBody(
          z.object({
            template: templateSource,
            locale: z.enum(locales).default('en'),
            ticket: z.record(z.string(), z.unknown()).optional().describe('Overrides for the sample ticket'),
            ticketId,
          }),
        ),
      },
      responses: { 200: jsonResponse(rendered, 'The rendered message'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { template, locale, ticket, ticketId } = c.req.valid('json');
      return c.json(await previewTemplate(c.get('desk'), template, locale, { ticket, ticketId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/api/admin/templates/variables', tags: ['Admin: templates'],
      summary: 'The variables and helpers a template may use, with their values for the sample ticket in a language',
      middleware: [allow('admin')] as const,
      request: { query: z.object({ locale: z.enum(locales).default('en'), ticketId }) },
      responses: { 200: jsonResponse(guide, 'Variables and helpers'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const { locale, ticketId } = c.req.valid('query');
      return c.json(await templateGuide(c.get('desk'), locale, { ticketId }), 200);
    },
  );
