/** Dates in the Buddhist era (Intl's `th-TH` calendar) and numbers, with Thai digits on request. */
import { usePrefs, type Prefs } from "./prefs";

type Style = Pick<Prefs, "language" | "thaiDigits">;

const ZONE = "Asia/Bangkok";

export function locale({ language, thaiDigits }: Style): string {
  const base = language === "en" ? "en-GB-u-ca-buddhist" : "th-TH-u-ca-buddhist";
  return thaiDigits ? `${base}-nu-thai` : `${base}-nu-latn`;
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(style: Style, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale(style)}|${JSON.stringify(options)}`;
  let found = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!found) {
    found = new Intl.DateTimeFormat(locale(style), { timeZone: ZONE, ...options });
    cache.set(key, found);
  }
  return found;
}

function numberFormat(style: Style, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale(style)}|${JSON.stringify(options)}`;
  let found = cache.get(key) as Intl.NumberFormat | undefined;
  if (!found) {
    found = new Intl.NumberFormat(locale(style), options);
    cache.set(key, found);
  }
  return found;
}

const asDate = (value: string | Date): Date =>
  // A bare date ("2019-10-28") is a Bangkok day, not UTC midnight.
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);

/** "28 ต.ค. 2562" */
export function formatDate(value: string | Date | null | undefined, style: Style): string {
  if (value === null || value === undefined || value === "") return "–";
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) return String(value); // not a date: shown as it came
  return dateFormat(style, { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** "28 ต.ค. 2562 14:05" */
export function formatDateTime(value: string | Date | null | undefined, style: Style): string {
  if (value === null || value === undefined || value === "") return "–";
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return dateFormat(style, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}

/** "ต.ค. 2562" */
export function formatMonth(value: string | Date, style: Style): string {
  return dateFormat(style, { month: "short", year: "numeric" }).format(asDate(value));
}

export function formatNumber(value: number | null | undefined, style: Style, fractionDigits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const options: Intl.NumberFormatOptions =
    fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return numberFormat(style, options).format(value);
}

export function formatPercent(value: number | string | null | undefined, style: Style): string {
  if (value === null || value === undefined || value === "") return "–";
  return `${formatNumber(Number(value), style, 2)} %`;
}

/** The Buddhist-era fiscal year (Oct–Sep) a day falls in: 1 Oct 2019 → 2563. */
export function fiscalYear(day: Date = new Date()): number {
  const bangkok = new Date(day.toLocaleString("en-US", { timeZone: ZONE }));
  return bangkok.getFullYear() + 543 + (bangkok.getMonth() >= 9 ? 1 : 0);
}

/** Today in Bangkok as YYYY-MM-DD. */
/** A "YYYY-MM-DDTHH:mm" from a DateInput `withTime` as an instant in Bangkok time (UTC+7, no DST). */
export const bangkokInstant = (local: string) => `${local.length === 16 ? `${local}:00` : local}+07:00`;

export function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
}

/** The formatting functions bound to the user's settings. */
export function useFormat() {
  const style = usePrefs();
  return {
    date: (v: string | Date | null | undefined) => formatDate(v, style),
    dateTime: (v: string | Date | null | undefined) => formatDateTime(v, style),
    month: (v: string | Date) => formatMonth(v, style),
    number: (v: number | null | undefined, digits?: number) => formatNumber(v, style, digits),
    percent: (v: number | string | null | undefined) => formatPercent(v, style),
    /** Digits inside a string (ticket numbers, codes) in the user's numerals. */
    digits: (text: string) => (style.thaiDigits ? text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d))) : text),
  };
}
