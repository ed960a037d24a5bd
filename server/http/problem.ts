/**
 * Every error the API answers with is `application/problem+json` (RFC 9457);
 * validation failures list each bad field's exact path.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DeskError } from '../errors.ts';
import { problemsFromZod, type Problem } from '../engine/problems.ts';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** The problem document, as the API documentation shows it. */
export const problemDocument = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string, errors?: Problem[], extra?: Record<string, unknown>): Response {
  const body = {
    ...extra,
    type: `https://deskwright.dev/problems/${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

type HookResult = { success: true } | { success: false; error: z.ZodError; target: string };

/** Turns zod-openapi's input validation failures into a 422 with every bad field's path. */
export const validationHook = (result: HookResult, c: Context): Response | undefined => {
  if (result.success) return undefined;
  const prefix = result.target === 'json' || result.target === 'form' ? [] : [result.target === 'param' ? 'path' : result.target];
  return problem(c, 422, 'validation', 'Some of what was sent is not valid', problemsFromZod(result.error, prefix));
};

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof DeskError) return problem(c, error.status, error.code, error.message, error.errors, error.extra);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = status === 415 ? 'unsupported-media-type' : status === 413 ? 'too-large' : status === 403 ? 'forbidden' : 'bad-request';
    const detail = status === 403 ? "The request did not come from the desk's own pages, so it was refused (cross-site request protection)" : error.message;
    return problem(c, status, code, detail || titles[status] || 'The request cannot be handled');
  }
  if (error instanceof SyntaxError) return problem(c, 400, 'bad-json', 'The request body is not valid JSON');
  // Logged with the request's id by server/observability/request-observer.ts.
  return problem(c, 500, 'internal', 'Something went wrong on our side; it has been logged');
};
