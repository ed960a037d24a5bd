/** What every request handler can reach: the desk's services context and who is asking. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../engine/people/people.schema.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { validationHook } from './problem.ts';

export interface DeskEnv {
  Variables: {
    desk: DeskContext;
    /** Null for an anonymous request. */
    user: User | null;
  };
}

/** A router for one resource, with the desk's validation error format. */
export function router() {
  return new OpenAPIHono<DeskEnv>({ defaultHook: validationHook });
}
