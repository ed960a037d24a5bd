/**
 * The UI's language and how dates, times and durations read in it. One
 * shared instance; components read `i18n.t(...)` and re-render when the
 * locale changes. Signed in, it follows the account's own choices
 * (`follow`); for whatever the account has not chosen, and before signing
 * in, the browser's languages (or a language picked in this browser) and
 * the browser's time zone.
 */
import { cy } from './cy.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { fromBrowser, isLocale, storageKey, type Locale } from './locales.ts';
import { ro } from './ro.ts';
import { zhCN } from './zh-CN.ts';

const catalogues: Record<Locale, Messages> = { en, cy, 'zh-CN': zhCN, ro };

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be off (private mode); the browser's languages still apply
  }
  return fromBrowser(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** What of an account the UI follows: its language and time zone, once the person chose them. */
export interface AccountPreferences {
  locale: string;
  localeChosen: boolean;
  timeZone: string;
  timeZoneChosen: boolean;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      // a zone this browser does not know: its own zone rather than no times at all
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    }
    formats.set(key, format);
  }
  return format;
}

class I18n {
  locale = $state<Locale>(initialLocale());
  /** The IANA time zone times are shown in; undefined: the browser's. */
  timeZone = $state<string | undefined>(undefined);
  /** The browser's own time zone. */
  readonly browserTimeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** Uses the signed-in account's choices, and the browser's for what it has not chosen; null (signed out): the browser's. */
  follow(account: AccountPreferences | null) {
    this.locale = account?.localeChosen && isLocale(account.locale) ? account.locale : initialLocale();
    this.timeZone = account?.timeZoneChosen ? account.timeZone : undefined;
  }

  /** The message for a key, with `{name}` filled in from params. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    (catalogues[this.locale][key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

  /** Text an admin wrote per locale (`{ en, cy }`), in this locale when there is one. */
  text = (value: { en: string; [locale: string]: string } | null | undefined): string => (value ? (value[this.locale] ?? value.en) : '');

  /** A language picked in this browser while signed out: it lasts here until someone signs in with their own. */
  set(locale: Locale) {
    this.locale = locale;
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // the choice lasts for this page only
    }
  }

  dateTime = (iso: string | null | undefined): string =>
    iso ? dateTimeFormat(this.locale, this.timeZone).format(new Date(iso)) : '';

  /** A file's size in bytes as "12 kB" or "3.4 MB", in this locale's words. */
  fileSize = (bytes: number): string => {
    const [unit, value] = bytes < 1000 ? (['byte', bytes] as const) : bytes < 1_000_000 ? (['kilobyte', bytes / 1000] as const) : (['megabyte', bytes / 1_000_000] as const);
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
  };

  /** Business minutes as "2 hr 5 min" in this locale's words. */
  duration = (minutes: number): string => {
    const total = Math.round(Math.abs(minutes));
    const unit = (value: number, u: 'day' | 'hour' | 'minute') => new Intl.NumberFormat(this.locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const mins = total % 60;
    if (days) return [unit(days, 'day'), hours ? unit(hours, 'hour') : ''].filter(Boolean).join(' ');
    if (hours) return [unit(hours, 'hour'), mins ? unit(mins, 'minute') : ''].filter(Boolean).join(' ');
    return unit(mins, 'minute');
  };
}

export const i18n = new I18n();
