/**
 * The approvals API through Hono's typed client: the signed-in person's
 * waiting approvals, and the mail link's page and decision (no sign-in).
 */
import { hc } from 'hono/client';
import type { approvalRoutes } from '../../../../server/approvals/approvals.routes.ts';
import type { ApprovalRequest, Decision } from '../../../../server/approvals/approvals.schema.ts';
import { call } from '../api/client.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;
const approvals = hc<typeof approvalRoutes>(base).api;

export type { ApprovalRequest, Decision };

export const approvalsApi = {
  awaitingMe: async () => (await call(approvals.approvals.$get())).items,
  decide: (id: number, decision: Decision) => call(approvals.approvals[':id'].decision.$post({ param: { id: String(id) }, json: decision })),
  byLink: async (token: string) => (await call(approvals['approval-links'][':token'].$get({ param: { token } }))).approval,
  decideByLink: (token: string, decision: Decision) => call(approvals['approval-links'][':token'].decision.$post({ param: { token }, json: decision })),
};
