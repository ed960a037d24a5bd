/** Small helpers for declaring routes: JSON bodies and responses, and the problem responses every route may give. */
import type { z } from 'zod';
import { problemDocument } from './problem.ts';

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { content: { 'application/json': { schema } }, required: true, ...(description ? { description } : {}) };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

const problemContent = { 'application/problem+json': { schema: problemDocument } };

/** The error answers a route documents, by status. */
export function problems(...statuses: (400 | 401 | 403 | 404 | 409 | 422)[]) {
  const descriptions: Record<number, string> = {
    400: 'The request is malformed',
    401: 'Not signed in',
    403: 'The role does not allow this',
    404: 'Not found, or not visible to the caller',
    409: 'Conflicts with the current state',
    422: 'Invalid input; `errors` lists each path and what is wrong',
  };
  return Object.fromEntries(statuses.map((s) => [s, { content: problemContent, description: descriptions[s]! }]));
}
