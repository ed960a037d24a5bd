/** The sign-in API for the UI: Hono's typed client over the sign-in routes (types only; no server code). */
import { hc } from 'hono/client';
import type { signInRoutes } from '../../../../server/sign-in/sign-in.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const signInApi = hc<typeof signInRoutes>(base).api;
