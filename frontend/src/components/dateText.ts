/** A date field's text: shown in the Buddhist era as every date in the app is, "21 พ.ย. 2569" in Thai
 * and "21 Nov 2569 BE" in English (as `format.ts` writes dates), and read back from what a person
 * types: 21/11/2569, 21/11/2026, 2026-11-21 or the shown text, with Thai or Latin digits, and a time
 * ("14:05", "14.05 น.") after it for a moment. */
import dayjs from "dayjs";
import "dayjs/locale/th";
import buddhistEra from "dayjs/plugin/buddhistEra";
import type { Language } from "../i18n";

dayjs.extend(buddhistEra);

/** The Buddhist-era year (`BBBB`), marked "BE" in English. */
export const yearFormat = (language: Language) => (language === "th" ? "BBBB" : "BBBB [BE]");

/** "21 พ.ย. 2569", "21 Nov 2569 BE"; "… 14:05" with the time. `value` is "YYYY-MM-DD" or carries a time. */
export function showDate(value: string, withTime: boolean, language: Language): string {
  return dayjs(value)
    .locale(language)
    .format(`D MMM ${yearFormat(language)}${withTime ? " HH:mm" : ""}`);
}

const latinDigits = (text: string) => text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

/** A month's name as typed, whatever its case, dots and spaces: "พ.ย." → "พย". */
const nameKey = (name: string) => name.toLowerCase().replace(/[.\s]/g, "");

/** Month names, full and short, in both languages → 1–12. */
const MONTHS = new Map<string, number>();
for (const language of ["th", "en"]) {
  for (const token of ["MMMM", "MMM"]) {
    for (let month = 0; month < 12; month++) {
      MONTHS.set(nameKey(dayjs("2000-01-15").month(month).locale(language).format(token)), month + 1);
    }
  }
}

/** "พ.ศ." or "BE" (B.E.) as a word of its own: the era said, not a part of "September". */
const ERA = /(^|\s)(พ\.\s?ศ\.|b\.?\s?e\.?)(?=\s|$)/gi;
const TIME = /^(.*?)[\sT,]+(\d{1,2})[:.](\d{2})(?:\s*น\.?)?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMBERS = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/;
const NAMED = /^(\d{1,2})\s*(\D+?)\s*(\d{4})$/;

const pad = (n: number) => String(n).padStart(2, "0");

/** The day typed, "YYYY-MM-DD" (with `withTime`, "YYYY-MM-DDTHH:mm", the time 00:00 when none was
 * typed), or null when the text is no such day. A year from 2400 on is a Buddhist-era one. */
export function parseDate(text: string, withTime: boolean): string | null {
  let rest = latinDigits(text).trim().replace(/\s+/g, " ");
  let hour = 0;
  let minute = 0;
  const time = withTime ? TIME.exec(rest) : null;
  if (time) {
    [rest, hour, minute] = [time[1] ?? "", Number(time[2]), Number(time[3])];
    if (hour > 23 || minute > 59) return null;
  }
  rest = rest.replace(ERA, " ").trim().replace(/\s+/g, " ");
  let parts: [number, number, number] | null = null; // year, month, day
  const iso = ISO.exec(rest);
  const numbers = NUMBERS.exec(rest);
  const named = NAMED.exec(rest);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numbers) parts = [Number(numbers[3]), Number(numbers[2]), Number(numbers[1])];
  else if (named) {
    const month = MONTHS.get(nameKey(named[2] ?? ""));
    if (month !== undefined) parts = [Number(named[3]), month, Number(named[1])];
  }
  if (!parts) return null;
  const [typedYear, month, day] = parts;
  const year = typedYear >= 2400 ? typedYear - 543 : typedYear;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  // dayjs rolls 31/02 over into March: a day that does not come back the same is no day.
  if (year < 1000 || dayjs(date).format("YYYY-MM-DD") !== date) return null;
  return withTime ? `${date}T${pad(hour)}:${pad(minute)}` : date;
}
