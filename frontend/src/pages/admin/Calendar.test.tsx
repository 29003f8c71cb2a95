import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { renderSignedIn, renderWithProviders } from "../../test/render";
import type { ScoringSchemas } from "../../api/types";
import { ADMIN, answerSession, calendarDays } from "../../test/fixtures";
import { answerAll, apiError, json, sent, type SentRequest } from "../../test/network";
import type { Month } from "./calendarDates";
import { CalendarMonth } from "./CalendarMonth";
import { OverridesPanel } from "./CalendarOverrides";
import { WorkingDayCalculator } from "./WorkingDayCalculator";

vi.setConfig({ testTimeout: 30_000 });

type Day = ScoringSchemas["DayOut"];

const SPECIAL: Record<string, Partial<Day>> = {
  "2026-12-05": { working: false, kind: "holiday", name: "วันชาติ; วันพ่อแห่งชาติ", name_en: "National Day; National Father's Day" },
  "2026-12-10": { working: false, kind: "holiday", name: "วันรัฐธรรมนูญ", name_en: "Constitution Day" },
  "2026-12-30": { working: false, kind: "override", name: "วันหยุดพิเศษเพิ่มเติม", reference: "มติคณะรัฐมนตรี 1 ธ.ค. 2569" },
  "2027-01-09": { working: true, kind: "override", name: "วันทำงานชดเชย" },
};

/** What scoring answers for `GET /v1/calendar?from=&to=`. */
const calendarAnswer = (call: SentRequest) => json(calendarDays(call.query.get("from") ?? "", call.query.get("to") ?? "", SPECIAL));

function MonthWithNavigation() {
  const [month, setMonth] = useState<Month>({ year: 2026, month: 12 });
  return <CalendarMonth month={month} onMonth={setMonth} />;
}

test("the month marks each holiday with its name, weekends and declared days", async () => {
  answerAll({ "GET /api/scoring/v1/calendar": calendarAnswer });
  renderWithProviders(<MonthWithNavigation />);

  expect(await screen.findByTestId("calendar-month-title")).toHaveTextContent("ธันวาคม 2569");
  const constitution = await screen.findByTestId("day-2026-12-10");
  expect(constitution).toHaveAttribute("data-working", "false");
  expect(constitution).toHaveTextContent("วันรัฐธรรมนูญ");
  expect(constitution).toHaveAccessibleName("วันพฤหัสบดีที่ 10 ธันวาคม 2569 — วันหยุดราชการ: วันรัฐธรรมนูญ");

  expect(screen.getByTestId("day-2026-12-06")).toHaveAccessibleName(/วันหยุดสุดสัปดาห์/);
  expect(screen.getByTestId("day-2026-12-09")).toHaveAttribute("data-working", "true");
  expect(screen.getByTestId("day-2026-12-30")).toHaveAccessibleName(/วันหยุดที่ประกาศเพิ่ม: วันหยุดพิเศษเพิ่มเติม \(มติคณะรัฐมนตรี 1 ธ.ค. 2569\)/);
  // 31 days less 8 weekend days (the 5th is a Saturday holiday) and the 10th and the 30th.
  expect(screen.getByText("วันทำการ 21 วัน")).toBeInTheDocument();
  expect(sent[0]?.query.get("from")).toBe("2026-12-01");
  expect(sent[0]?.query.get("to")).toBe("2026-12-31");

  await userEvent.click(screen.getByRole("button", { name: "ไปเดือนถัดไป" }));
  expect(await screen.findByTestId("calendar-month-title")).toHaveTextContent("มกราคม 2570");
  const makeUp = await screen.findByTestId("day-2027-01-09");
  expect(makeUp).toHaveAttribute("data-working", "true");
  expect(makeUp).toHaveAccessibleName(/วันทำงานชดเชย/);
  expect(sent.at(-1)?.query.get("from")).toBe("2027-01-01");
  expect(sent.at(-1)?.query.get("to")).toBe("2027-01-31");
});

test("the month to show is picked from a Buddhist-era month picker", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({ "GET /api/scoring/v1/calendar": calendarAnswer });
  renderWithProviders(<MonthWithNavigation />);

  const goTo = await screen.findByRole("button", { name: "ไปที่เดือน" });
  expect(goTo).toHaveTextContent("ธันวาคม 2569");
  await user.click(goTo);
  expect(await screen.findByRole("button", { name: "2569", hidden: true })).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "ปีถัดไป", hidden: true }));
  await user.click(await screen.findByRole("button", { name: "ก.พ.", hidden: true }));
  expect(await screen.findByTestId("calendar-month-title")).toHaveTextContent("กุมภาพันธ์ 2570");
  await waitFor(() => expect(sent.at(-1)?.query.get("from")).toBe("2027-02-01"));
});

test("in English, holidays carry their English names and declared days the name typed", async () => {
  localStorage.setItem("rongtook.prefs", JSON.stringify({ language: "en", thaiDigits: false }));
  answerAll({ "GET /api/scoring/v1/calendar": calendarAnswer });
  renderWithProviders(<MonthWithNavigation />);

  const constitution = await screen.findByTestId("day-2026-12-10");
  expect(constitution).toHaveTextContent("Constitution Day");
  expect(constitution).not.toHaveTextContent("วันรัฐธรรมนูญ");
  expect(screen.getByTestId("day-2026-12-30")).toHaveTextContent("วันหยุดพิเศษเพิ่มเติม");
});

test("declaring a day that already has a declaration shows the refusal beside the day and keeps the form", async () => {
  const user = userEvent.setup({ delay: null });
  const overrides = [
    { day: "2030-01-07", working: false, name: "วันหยุดพิเศษ", reference: null, created_by: `user:${ADMIN.id}`, created_at: "2026-11-21T18:00:00Z" },
  ];
  answerAll({
    "GET /api/scoring/v1/calendar/overrides": () => json(overrides),
    "POST /api/scoring/v1/calendar/overrides": () =>
      apiError(409, { code: "calendar.override_exists", th: "วันนี้มีการกำหนดไว้แล้ว ลบรายการเดิมก่อน", en: "This day already has an override; delete it first", fields: {
        day: "already overridden",
      } }),
  });
  answerSession(ADMIN);
  renderSignedIn(<OverridesPanel />);
  expect(await screen.findByTestId("override-2030-01-07")).toHaveTextContent("7 ม.ค. 2573");
  expect(screen.getByTestId("override-2030-01-07")).toHaveTextContent(`คุณ (${ADMIN.display_name})`);

  const form = screen.getByRole("form", { name: "กำหนดวันหยุดหรือวันทำงาน" });
  await user.type(within(form).getByLabelText(/^วันที่/), "7/1/2573");
  await user.click(within(form).getByRole("radio", { name: "วันทำงานชดเชย" }));
  await user.type(within(form).getByLabelText(/^ชื่อ/), "ทำงานชดเชย");
  await user.type(within(form).getByLabelText(/^อ้างอิง/), "มติ ครม.");
  await user.click(within(form).getByRole("button", { name: "กำหนดวันหยุดหรือวันทำงาน" }));

  expect(await within(form).findByText("วันนี้มีการกำหนดไว้แล้ว ลบรายการเดิมก่อน")).toBeInTheDocument();
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({ day: "2030-01-07", working: true, name: "ทำงานชดเชย", reference: "มติ ครม." });
  expect(within(form).getByLabelText(/^ชื่อ/)).toHaveValue("ทำงานชดเชย");
  expect(within(form).getByLabelText(/^วันที่/)).toHaveValue("7 ม.ค. 2573");
});

test("the calculator asks for the n-th working day after a date and shows it in full", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({ "GET /api/scoring/v1/calendar/add-working-days": { date: "2026-12-11" } });
  renderWithProviders(<WorkingDayCalculator />);
  const date = screen.getByLabelText(/^นับจากวันที่/);
  await user.clear(date);
  await user.type(date, "2026-12-04");
  const n = screen.getByLabelText(/^จำนวนวันทำการ/);
  await user.clear(n);
  await user.type(n, "3");
  await user.click(screen.getByRole("button", { name: "คำนวณ" }));
  const result = await screen.findByTestId("calculator-result");
  expect(result).toHaveTextContent("วันทำการที่ 3 หลังวันที่ 4 ธ.ค. 2569 คือ");
  expect(result).toHaveTextContent("วันศุกร์ที่ 11 ธันวาคม 2569");
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]?.query.get("date")).toBe("2026-12-04");
  expect(sent[0]?.query.get("n")).toBe("3");
});
