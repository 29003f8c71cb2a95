import { dueOf, hasBegun, monthlyStatuses } from "./monthlyStatus";
import { fiscalMonths, fiscalYearOfMonth } from "./months";

const submission = (month: string, submittedAt: string) => ({ month: `${month}-01`, submitted_at: submittedAt, recorded_by: "user:x" });

test("a fiscal year runs October to September, named by the Buddhist year it ends in", () => {
  expect(fiscalMonths(2569)).toEqual([
    "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
    "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
  ]); // prettier-ignore
  expect(fiscalYearOfMonth("2025-10")).toBe(2569);
  expect(fiscalYearOfMonth("2026-09")).toBe(2569);
});

test("a month's report is due by the end of the 10th of the next month, Bangkok time (December's in January)", () => {
  expect(dueOf("2025-10").toISOString()).toBe("2025-11-10T16:59:59.000Z");
  expect(dueOf("2025-12").toISOString()).toBe("2026-01-10T16:59:59.000Z");
});

test("each month is on time, late, missing or not yet due from the submissions and today", () => {
  const now = new Date("2026-01-05T03:00:00Z"); // 5 January 2026, Bangkok morning
  const months = monthlyStatuses(
    2569,
    [
      // October: the last second of 10 November in Bangkok is still on time.
      submission("2025-10", "2025-11-10T23:59:59+07:00"),
      // November: half an hour after the 10th of December ended in Bangkok (still the 10th in UTC).
      submission("2025-12", "2026-01-02T09:00:00+07:00"),
      submission("2025-11", "2025-12-10T17:30:00Z"),
    ],
    now,
  );
  const state = Object.fromEntries(months.map((m) => [m.month, m.state]));
  expect(state["2025-10"]).toBe("on_time");
  expect(state["2025-11"]).toBe("late");
  // December submitted early in January: on time, though the month's due day has not come.
  expect(state["2025-12"]).toBe("on_time");
  // January is not due until 10 February; no submission is not yet missing.
  expect(state["2026-01"]).toBe("not_yet_due");
  expect(months).toHaveLength(12);
  expect(months[0]?.submittedAt).toBe("2025-11-10T23:59:59+07:00");
});

test("a month with no submission is missing once its due day has ended in Bangkok", () => {
  const justBefore = monthlyStatuses(2569, [], new Date("2025-11-10T16:59:59Z"));
  const justAfter = monthlyStatuses(2569, [], new Date("2025-11-10T17:00:00Z"));
  expect(justBefore[0]?.state).toBe("not_yet_due");
  expect(justAfter[0]?.state).toBe("missing");
  expect(justAfter[1]?.state).toBe("not_yet_due");
});

test("a month can be prepared from its first day in Bangkok", () => {
  expect(hasBegun("2025-11", new Date("2025-10-31T16:59:59Z"))).toBe(false);
  expect(hasBegun("2025-11", new Date("2025-10-31T17:00:00Z"))).toBe(true);
});
