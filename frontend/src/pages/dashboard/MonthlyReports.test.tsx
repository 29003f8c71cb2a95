import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AUDITOR, SUPERVISOR, answerSession } from "../../test/fixtures";
import { answerAll, json, sent } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import MonthlyReports from "./MonthlyReports";

afterEach(() => vi.useRealTimers());
vi.setConfig({ testTimeout: 60_000 });

const REPORT = {
  id: "01a1ff33-5d0b-708c-a29a-fef0afa0bf01",
  status: "done",
  progress: 100,
  type: "monthly-summary",
  params: { agency: "ORG", month: "2025-12" },
  format: "pdf",
  language: "th",
  thai_digits: false,
  agency: "ORG",
  attempts: 1,
  created_at: "2026-01-12T03:00:00Z",
  filename: "monthly-summary-ORG.pdf",
};

const submitted = (month: string, at: string) => ({ agency: "ORG", month: `${month}-01`, submitted_at: at, recorded_by: `user:${SUPERVISOR.id}` });

function stateOf(monthLabel: string): string | null {
  const row = screen.getAllByTestId("monthly-row").find((r) => within(r).queryByText(monthLabel));
  return row?.getAttribute("data-state") ?? null;
}

test("each month's status comes from its submission and the 10th of the next month; a month is prepared and submitted", async () => {
  // 12 January 2026 in Bangkok: December's report (due 10 January) is now missing.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-01-12T03:00:00Z"));
  const user = userEvent.setup({ delay: null });
  const submissions = [submitted("2025-10", "2025-11-10T15:00:00Z"), submitted("2025-11", "2025-12-11T02:00:00Z")];
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/scoring/v1/monthly-reports": () => json(submissions),
    "POST /api/reporting/v1/reports": () => json({ ...REPORT, status: "queued", progress: 0 }, 202),
    [`GET /api/reporting/v1/reports/${REPORT.id}`]: REPORT,
    [`POST /api/reporting/v1/reports/${REPORT.id}/submit`]: () => {
      const recorded = submitted("2025-12", "2026-01-12T03:00:00Z");
      submissions.push(recorded);
      return json(recorded);
    },
  });
  renderSignedIn(<MonthlyReports />);

  await screen.findAllByTestId("monthly-row");
  expect(screen.getAllByTestId("monthly-row")).toHaveLength(12);
  expect(stateOf("ต.ค. 2568")).toBe("on_time");
  expect(stateOf("พ.ย. 2568")).toBe("late");
  expect(stateOf("ธ.ค. 2568")).toBe("missing");
  expect(stateOf("ม.ค. 2569")).toBe("not_yet_due");
  expect(screen.getByTestId("monthly-summary")).toHaveTextContent("ไม่ได้ส่ง: 1");
  // Submitted months, and months not begun, cannot be prepared.
  expect(screen.queryByRole("button", { name: "เดือน ต.ค. 2568: จัดทำและส่ง" })).toBeNull();
  expect(screen.queryByRole("button", { name: "เดือน ก.พ. 2569: จัดทำและส่ง" })).toBeNull();

  await user.click(screen.getByRole("button", { name: "เดือน ธ.ค. 2568: จัดทำและส่ง" }));
  const dialog = await screen.findByRole("dialog");
  await user.click(within(dialog).getByRole("button", { name: "จัดทำรายงาน" }));
  await within(dialog).findByRole("button", { name: "ดาวน์โหลด" });
  expect(sent.find((c) => c.method === "POST" && c.path === "/api/reporting/v1/reports")?.body).toMatchObject({
    type: "monthly-summary",
    params: { agency: "ORG", month: "2025-12" },
    format: "pdf",
  });

  await user.click(within(dialog).getByRole("button", { name: "ส่งรายงาน" }));
  expect(await within(dialog).findByText(/บันทึกการส่งเมื่อ 12 ม.ค. 2569/)).toBeInTheDocument();
  // The list is asked again and December is now late (after 10 January).
  await waitFor(() => expect(stateOf("ธ.ค. 2568")).toBe("late"));
});

test("an auditor sees the statuses but cannot prepare or submit", async () => {
  answerSession(AUDITOR);
  answerAll({ "GET /api/scoring/v1/monthly-reports": [] });
  renderSignedIn(<MonthlyReports />);
  await screen.findAllByTestId("monthly-row");
  expect(screen.queryByRole("button", { name: /จัดทำและส่ง/ })).toBeNull();
});
