/** The problems API for the UI: Hono's typed client over the problem routes (types only; no server code). */
import { hc } from 'hono/client';
import type { problemRoutes } from '../../../../server/problems/problems.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const problemsApi = hc<typeof problemRoutes>(base).api;
