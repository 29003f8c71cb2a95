/** Whether each month's summary report was submitted by the 10th of the next month (SPEC §5.1
 * step 3), as scoring's deduction rule judges it: late when submitted after the due day's end
 * (Bangkok), missing when not submitted once that day has ended. */
import { fiscalMonths } from "./months";

export const DUE_DAY = 10;
const BANGKOK_OFFSET_HOURS = 7;

export type MonthState = "on_time" | "late" | "missing" | "not_yet_due";

export interface MonthStatus {
  /** "YYYY-MM" */
  month: string;
  /** The last moment the month's report is on time: the end of the 10th of the next month, Bangkok. */
  due: Date;
  submittedAt: string | null;
  recordedBy: string | null;
  state: MonthState;
}

export interface Submission {
  /** The month's first day, "YYYY-MM-DD". */
  month: string;
  submitted_at: string;
  recorded_by: string;
}

export function dueOf(month: string, dueDay = DUE_DAY): Date {
  const [year, number] = month.split("-").map(Number) as [number, number];
  // `number` is 1-based, so as a 0-based month index it is already the next month.
  return new Date(Date.UTC(year, number, dueDay, 23 - BANGKOK_OFFSET_HOURS, 59, 59));
}

export function monthlyStatuses(fy: number, submissions: readonly Submission[], now: Date, dueDay = DUE_DAY): MonthStatus[] {
  const byMonth = new Map(submissions.map((s) => [s.month.slice(0, 7), s]));
  return fiscalMonths(fy).map((month) => {
    const due = dueOf(month, dueDay);
    const submission = byMonth.get(month);
    let state: MonthState;
    if (submission) state = new Date(submission.submitted_at) > due ? "late" : "on_time";
    else state = now > due ? "missing" : "not_yet_due";
    return { month, due, submittedAt: submission?.submitted_at ?? null, recordedBy: submission?.recorded_by ?? null, state };
  });
}

/** Whether a month has begun (in Bangkok), so that its report can be prepared. */
export function hasBegun(month: string, now: Date): boolean {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return now >= new Date(Date.UTC(year, number - 1, 1, -BANGKOK_OFFSET_HOURS));
}
