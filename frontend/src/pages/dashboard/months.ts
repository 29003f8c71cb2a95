/** Months as the APIs take them ("YYYY-MM", Christian era) and as fiscal years (Buddhist era,
 * October to September) group them. */
import { locale } from "../../format";
import { usePrefs } from "../../prefs";

/** The twelve months of fiscal year `fy`, October first: 2569 → "2025-10" … "2026-09". */
export function fiscalMonths(fy: number): string[] {
  const octoberYear = fy - 543 - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    const year = i < 3 ? octoberYear : octoberYear + 1;
    return `${year}-${String(month).padStart(2, "0")}`;
  });
}

/** The fiscal year (Buddhist era) a "YYYY-MM" month belongs to. */
export function fiscalYearOfMonth(month: string): number {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return year + 543 + (number >= 10 ? 1 : 0);
}

/** The first day of a "YYYY-MM" month, as a date the formatters take. */
export const firstDay = (month: string): string => `${month}-01`;

/** The month's short name without the year ("ต.ค."), in the user's language and digits. */
export function useMonthName(): (month: string) => string {
  const style = usePrefs();
  const format = new Intl.DateTimeFormat(locale(style), { month: "short", timeZone: "Asia/Bangkok" });
  return (month) => format.format(new Date(`${firstDay(month)}T12:00:00+07:00`));
}
