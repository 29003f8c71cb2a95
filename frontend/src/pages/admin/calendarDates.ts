/** Plain date arithmetic on "YYYY-MM-DD" strings and months, free of time zones. */
import { locale } from "../../format";
import type { Prefs } from "../../prefs";

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

export const isoDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

export const daysIn = ({ year, month }: Month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** 0 = Sunday … 6 = Saturday */
export const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

export const monthOf = (day: string): Month => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) });

export function shiftMonth({ year, month }: Month, delta: number): Month {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export const firstDay = (m: Month) => isoDay(m.year, m.month, 1);
export const lastDay = (m: Month) => isoDay(m.year, m.month, daysIn(m));

/** The month's days laid out in weeks from Sunday; null pads the first and last week. */
export function weeksOf(m: Month): (string | null)[][] {
  const cells: (string | null)[] = Array.from({ length: weekdayOf(firstDay(m)) }, () => null);
  for (let d = 1; d <= daysIn(m); d++) cells.push(isoDay(m.year, m.month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

type Style = Pick<Prefs, "language" | "thaiDigits">;

/** "ธันวาคม 2569" */
export const monthTitle = (m: Month, style: Style) =>
  new Intl.DateTimeFormat(locale(style), { month: "long", year: "numeric", timeZone: "Asia/Bangkok" }).format(
    new Date(`${firstDay(m)}T12:00:00+07:00`),
  );

/** "วันเสาร์ที่ 5 ธันวาคม 2569" */
export const longDay = (day: string, style: Style) =>
  new Intl.DateTimeFormat(locale(style), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Bangkok" }).format(
    new Date(`${day}T12:00:00+07:00`),
  );

/** Weekday names from Sunday. */
export const weekdayNames = (style: Style) => {
  const format = new Intl.DateTimeFormat(locale(style), { weekday: "short", timeZone: "UTC" });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2023, 0, 1 + i, 12))));
};
