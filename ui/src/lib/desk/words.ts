/** Words the desk settings pages take from the browser's own locale data rather than the catalogues. */
import type { Calendar } from '../../../../server/engine/calendar/calendar.schema.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

export type Weekday = keyof Calendar['hours'];
/** The calendar's weekdays in order (the schema's own list is server code; `satisfies` keeps the two in step). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];

/** "Friday" in the UI's language (1 January 2024 was a Monday). */
export function weekdayName(day: Weekday, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(i18n.locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(day))));
}
