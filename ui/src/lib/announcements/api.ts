/** The announcements API through Hono's typed client, typed by the server's route declarations. */
import { hc, type InferResponseType } from 'hono/client';
import type { announcementRoutes } from '../../../../server/announcements/announcements.routes.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { call } from '../api/client.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export const announcementsApi = hc<typeof announcementRoutes>(base).api.announcements;

export type LiveAnnouncement = InferResponseType<typeof announcementsApi.live.$get, 200>['items'][number];
export type AdminAnnouncement = InferResponseType<typeof announcementsApi.$get, 200>['items'][number];

/** The notices live now for the signed-in person, in the UI's language. */
export async function loadLive(): Promise<LiveAnnouncement[]> {
  return (await call(announcementsApi.live.$get({ query: { locale: i18n.locale } }))).items;
}

const dismissedKey = 'deskwright.dismissedAnnouncements';

/** Notices dismissed in this browser session (they come back in a new one). */
export function dismissed(): Set<number> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(dismissedKey) ?? '[]') as number[]);
  } catch {
    return new Set();
  }
}

export function dismiss(id: number): void {
  sessionStorage.setItem(dismissedKey, JSON.stringify([...dismissed(), id]));
}
