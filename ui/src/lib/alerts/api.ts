/** The alerts API for the UI: Hono's typed client over the alerts routes (types only; no server code). */
import { hc } from 'hono/client';
import type { alertRoutes } from '../../../../server/alerts/alerts.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const alertsApi = hc<typeof alertRoutes>(base).api;
