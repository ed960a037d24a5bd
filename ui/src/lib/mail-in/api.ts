/** The mail channels API for the UI: Hono's typed client over the mail-in routes (types only; no server code). */
import { hc, type InferResponseType } from 'hono/client';
import type { mailInRoutes } from '../../../../server/mail-in/mail-in.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const mailApi = hc<typeof mailInRoutes>(base).api.admin['mail-channels'];

export type MailChannel = InferResponseType<typeof mailApi.$get, 200>['items'][number];
export type MailMessage = InferResponseType<(typeof mailApi)[':id']['messages']['$get'], 200>['items'][number];
export type ConnectionReport = InferResponseType<(typeof mailApi)[':id']['test']['$post'], 200>;

export const mailStatuses = ['created', 'replied', 'ignored', 'held', 'refused', 'failed'] as const;
export const connectionSteps = ['dns', 'connect', 'tls', 'login', 'folder'] as const;
