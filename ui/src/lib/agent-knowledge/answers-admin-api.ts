/** The admin side of the prepared answers API through Hono's typed client. */
import { hc, type InferResponseType } from 'hono/client';
import type { preparedAnswerRoutes } from '../../../../server/prepared-answers/prepared-answers.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;
export const answersAdminApi = hc<typeof preparedAnswerRoutes>(base).api.admin['prepared-answers'];
export type PreparedAnswer = InferResponseType<typeof answersAdminApi.$get, 200>['items'][number];
