/** The prepared answers API through Hono's typed client. */
import { hc } from 'hono/client';
import type { preparedAnswerRoutes } from '../../../../server/prepared-answers/prepared-answers.routes.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;
export const answersApi = hc<typeof preparedAnswerRoutes>(base).api['prepared-answers'];
