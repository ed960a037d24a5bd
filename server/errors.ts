/**
 * The one error type services throw for something the caller can fix or
 * should know (4xx). The HTTP layer turns it into problem+json; anything
 * else is a bug, logged and answered with a plain 500.
 */
import type { Problem } from './engine/problems.ts';

export class DeskError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
  /** Stable, machine-readable: `validation`, `not-found`, `conflict`… */
  readonly code: string;
  readonly errors: Problem[] | undefined;
  /** More members of the problem document, e.g. a conflict's `current` version beside the one sent. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(status: DeskError['status'], code: string, message: string, errors?: Problem[], extra?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.extra = extra;
  }
}

export const notFound = (what: string) => new DeskError(404, 'not-found', `${what} was not found`);
export const invalid = (message: string, errors: Problem[]) => new DeskError(422, 'validation', message, errors);
export const forbidden = (message = 'You do not have permission to do this') => new DeskError(403, 'forbidden', message);
export const unauthenticated = () => new DeskError(401, 'unauthenticated', 'Sign in first');
