import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SUPERVISOR, answerSession } from "../../test/fixtures";
import { answerAll, apiError, json, sent, type Answer, type SentRequest } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import type { Report } from "./useReport";
import { buildParams, initialParams } from "./kinds";
import Reports from "./Reports";

vi.setConfig({ testTimeout: 60_000 });

const ID = "01a1ff33-5d0b-708c-a29a-fef0afa0bfc9";
const report = (change: Partial<Report>): Report => ({
  id: ID,
  status: "queued",
  progress: 0,
  type: "progress",
  params: { agency: "ORG", fy: 2569, periods: "monthly" },
  format: "xlsx",
  language: "th",
  thai_digits: false,
  agency: "ORG",
  attempts: 0,
  created_at: "2026-11-21T10:00:00Z",
  ...change,
});

/** A supervisor signed in, no earlier reports, and these answers ("METHOD /path"). */
function serve(answers: Record<string, Answer>) {
  answerSession(SUPERVISOR);
  answerAll({ "GET /api/reporting/v1/reports": [], ...answers });
}

/** GET /v1/reports/{id} answers these in turn, then the last one again. */
function statuses(...answers: Report[]) {
  let asked = 0;
  return () => json(answers[Math.min(asked++, answers.length - 1)]);
}

async function fillProgress(user: ReturnType<typeof userEvent.setup>, fy: string) {
  await user.selectOptions(await screen.findByLabelText("ประเภทรายงาน"), "progress");
  const year = screen.getByRole("textbox", { name: "ปีงบประมาณ" });
  await user.clear(year);
  await user.type(year, fy);
  await user.selectOptions(screen.getByLabelText("รูปแบบไฟล์"), "xlsx");
}

test("the report is followed every second until done, then downloaded", async () => {
  const user = userEvent.setup({ delay: null });
  const createObjectURL = vi.fn(() => "blob:report");
  // jsdom has no object URLs.
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = vi.fn();
  const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  serve({
    "POST /api/reporting/v1/reports": () => json(report({}), 202),
    [`GET /api/reporting/v1/reports/${ID}`]: statuses(
      report({ status: "running", progress: 40 }),
      report({ status: "done", progress: 100, filename: "progress-ORG.xlsx", size: 10_240 }),
    ),
    [`GET /api/reporting/v1/reports/${ID}/file`]: () =>
      new Response("xlsx", { headers: { "Content-Disposition": "attachment; filename*=UTF-8''progress-ORG.xlsx" } }),
  });
  renderSignedIn(<Reports />);
  await fillProgress(user, "2569");
  await user.click(screen.getByRole("button", { name: "สร้างรายงาน" }));

  const status = await screen.findByTestId("report-status");
  await waitFor(() => expect(within(status).getByText("กำลังจัดทำ")).toBeInTheDocument());
  expect(within(status).queryByRole("button", { name: "ดาวน์โหลด" })).toBeNull();
  const download = await within(status).findByRole("button", { name: "ดาวน์โหลด" });
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({
    type: "progress",
    params: { agency: "ORG", fy: 2569, periods: "monthly" },
    format: "xlsx",
    language: "th",
    thai_digits: false,
  });
  // Asked until done, and not after.
  const polls = () => sent.filter((c) => c.path === `/api/reporting/v1/reports/${ID}`).length;
  expect(polls()).toBeGreaterThanOrEqual(2);
  const settled = polls();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(polls()).toBe(settled);

  await user.click(download);
  await waitFor(() => expect(clicked).toHaveBeenCalled());
  expect(sent.some((c) => c.path === `/api/reporting/v1/reports/${ID}/file`)).toBe(true);
  expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe("progress-ORG.xlsx");
  clicked.mockRestore();
});

test("a 422 on params.fy is shown next to the fiscal year, and what was typed stays", async () => {
  const user = userEvent.setup({ delay: null });
  serve({
    "POST /api/reporting/v1/reports": () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: params.fy น้อยเกินไป",
        en: "Invalid request: params.fy: Input should be greater than or equal to 2500",
        fields: { "params.fy": "Input should be greater than or equal to 2500" },
        fieldsTh: { "params.fy": "น้อยเกินไป" },
      }),
  });
  renderSignedIn(<Reports />);
  await fillProgress(user, "2400");
  await user.click(screen.getByRole("button", { name: "สร้างรายงาน" }));

  const year = screen.getByRole("textbox", { name: "ปีงบประมาณ" });
  await waitFor(() => expect(year).toHaveAccessibleDescription(/น้อยเกินไป/));
  expect(year).toHaveValue("2400");
  expect(screen.getByLabelText("รูปแบบไฟล์")).toHaveValue("xlsx");
  // The field says it all: no second, general message.
  expect(screen.queryByRole("alert")).toBeNull();
});

test("an error about no single field is shown above the button", async () => {
  const user = userEvent.setup({ delay: null });
  serve({
    "POST /api/reporting/v1/reports": () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: params ค่าไม่ถูกต้อง",
        en: "Invalid request: params: give either 'project', or 'agency' with 'fy'",
        fields: { params: "give either 'project', or 'agency' with 'fy'" },
      }),
  });
  renderSignedIn(<Reports />);
  await fillProgress(user, "2569");
  await user.click(screen.getByRole("button", { name: "สร้างรายงาน" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("request.invalid");
});

test("a failed report shows its error code and reason, and Retry renders it again", async () => {
  const user = userEvent.setup({ delay: null });
  let retried = false;
  serve({
    "POST /api/reporting/v1/reports": () => json(report({}), 202),
    [`GET /api/reporting/v1/reports/${ID}`]: () =>
      json(
        retried
          ? report({ status: "done", progress: 100, attempts: 2, filename: "progress-ORG.xlsx" })
          : report({ status: "failed", progress: 10, attempts: 1, error: "scoring did not answer", error_code: "scoring.unavailable" }),
      ),
    [`POST /api/reporting/v1/reports/${ID}/retry`]: () => {
      retried = true;
      return json(report({ status: "queued", attempts: 1 }), 202);
    },
  });
  renderSignedIn(<Reports />);
  await fillProgress(user, "2569");
  await user.click(screen.getByRole("button", { name: "สร้างรายงาน" }));

  expect(await screen.findByTestId("report-error-code")).toHaveTextContent("scoring.unavailable");
  expect(screen.getByTestId("report-error")).toHaveTextContent("scoring did not answer");
  await user.click(screen.getByRole("button", { name: "ลองใหม่" }));
  expect(await screen.findByRole("button", { name: "ดาวน์โหลด" })).toBeInTheDocument();
  expect(sent.filter((c: SentRequest) => c.path.endsWith("/retry"))).toHaveLength(1);
});

test("my latest reports are listed with their status; a finished one can be saved", async () => {
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/reporting/v1/reports": [
      report({ status: "done", progress: 100, filename: "a.xlsx" }),
      report({ id: "01a1ff33-5d0b-708c-a29a-000000000002", status: "failed", type: "monthly-summary", params: { agency: "D01", month: "2026-10" }, agency: "D01", error_code: "report.render_failed" }),
    ],
  });
  renderSignedIn(<Reports />);
  const rows = await screen.findAllByTestId("latest-report");
  expect(rows[0]).toHaveTextContent("เสร็จแล้ว");
  expect(within(rows[0] as HTMLElement).getByRole("button", { name: "บันทึกไฟล์" })).toBeInTheDocument();
  expect(rows[1]).toHaveTextContent("รายงานสรุปประจำเดือน");
  expect(rows[1]).toHaveTextContent("สำนักงานเขตพระนคร · ต.ค. 2569");
  expect(rows[1]).toHaveTextContent("report.render_failed");
  expect(within(rows[1] as HTMLElement).queryByRole("button")).toBeNull();
});

test("each type sends only its own params", () => {
  const state = { ...initialParams("D01", 2569), month: "2026-03", years: 4, start: "2025-10-01", end: "2025-12-31" };
  expect(buildParams("progress", state)).toEqual({ agency: "D01", fy: 2569, periods: "monthly" });
  expect(buildParams("progress", { ...state, project: "P-1", periods: "quarterly" })).toEqual({ project: "P-1", periods: "quarterly" });
  expect(buildParams("monthly-summary", state)).toEqual({ agency: "D01", month: "2026-03" });
  expect(buildParams("statistics", state)).toEqual({ agency: "D01", fy: 2569, years: 4 });
  expect(buildParams("cpl-r003", state)).toEqual({ agency: "D01", fy: 2569 });
  expect(buildParams("cpl-r003", { ...state, range: "dates" })).toEqual({ agency: "D01", start: "2025-10-01", end: "2025-12-31" });
  // A cleared year is left out, for reporting to name it.
  expect(buildParams("kpi-scorecard", { ...state, fy: "" })).toEqual({ agency: "D01", scheme: "bma-2563" });
});
