import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ScoringSchemas } from "../../api/types";
import { chooseOption } from "../../test/chooseOption";
import { AUDITOR, SUPERVISOR, answerSession } from "../../test/fixtures";
import { answerAll, apiError, json, sent, type SentRequest } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import Audits from "./Audits";

afterEach(() => vi.useRealTimers());
vi.setConfig({ testTimeout: 60_000 });

const AUDIT_ID = "01a1ff47-3a2b-7036-bdb3-5cba5f406a3a";
const item = (n: number, passed: boolean | null): ScoringSchemas["ItemOut"] => ({
  complaint_id: `01a1ff47-0000-7000-8000-00000000000${n}`,
  ticket_no: `D01-2569-00000${n}`,
  passed,
  note: passed === false ? "ไม่มีภาพหลังดำเนินการ" : null,
  reviewed_by: passed === null ? null : `user:${AUDITOR.id}`,
  reviewed_at: passed === null ? null : "2026-04-02T03:00:00Z",
});
// Above 2^53: a JavaScript number cannot hold it, the screen must still show it exactly.
const SEED = "9108973338157816564";
const auditResponse = (items: ScoringSchemas["ItemOut"][], status = 200) =>
  new Response(JSON.stringify(audit(items)).replace(/"seed":\d+/, `"seed":${SEED}`), { status, headers: { "Content-Type": "application/json" } });
const audit = (items: ScoringSchemas["ItemOut"][]): ScoringSchemas["AuditOut"] => {
  const passed = items.filter((i) => i.passed === true).length;
  const failed = items.filter((i) => i.passed === false).length;
  return {
    id: AUDIT_ID,
    agency: "D01",
    month: "2026-03-01",
    seed: Number(SEED),
    population: 15,
    sample_size: items.length,
    passed,
    failed,
    pass_percent: passed + failed === 0 ? null : ((passed * 100) / (passed + failed)).toFixed(4),
    items,
  };
};
const SUMMARY = {
  id: AUDIT_ID,
  agency: "D01",
  month: "2026-03-01",
  seed: Number(SEED),
  population: 15,
  sample_size: 2,
  judged: 1,
  passed: 0,
  failed: 1,
  pass_percent: "0.0000",
  created_by: `user:${SUPERVISOR.id}`,
  created_at: "2026-04-01T03:00:00Z",
};
const SCHEME = {
  code: "bma-2557",
  version: 1,
  definition: { steps: [{ key: "resolution", deductions: [{ rule: "audit_month_below", threshold_percent: "80", points: "0.05" }] }] },
  note: null,
  created_by: "system",
  created_at: "2026-01-01T00:00:00Z",
};
const complaintsPage = (call: SentRequest) =>
  json({ items: [{ id: "x", ticket_no: call.query.get("ticket_no"), title: `เรื่อง ${call.query.get("ticket_no")}` }], next_cursor: null });

test("an auditor opens an audit, sees the seed and that the month is below 80 %, and marks a complaint", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-04-10T03:00:00Z"));
  const user = userEvent.setup({ delay: null });
  let items = [item(1, false), item(2, null)];
  answerSession(AUDITOR);
  answerAll({
    "GET /api/scoring/v1/audits": [SUMMARY],
    "GET /api/scoring/v1/schemes/bma-2557": SCHEME,
    [`GET /api/scoring/v1/audits/${AUDIT_ID}`]: () => auditResponse(items),
    "GET /api/intake/v1/complaints": complaintsPage,
    [`PUT /api/scoring/v1/audits/${AUDIT_ID}/items/${item(2, null).complaint_id}`]: (call: SentRequest) => {
      const verdict = call.body as { passed: boolean; note: string | null };
      items = [item(1, false), { ...item(2, verdict.passed), note: verdict.note }];
      return auditResponse(items);
    },
  });
  renderSignedIn(<Audits />);

  const row = await screen.findByTestId("audit-row");
  expect(row).toHaveTextContent("มี.ค. 2569");
  expect(row).toHaveTextContent("ต่ำกว่าเกณฑ์ หัก 0.05");
  await user.click(within(row).getByRole("button", { name: /เปิดการสุ่มตรวจ/ }));

  expect(await screen.findByTestId("audit-seed")).toHaveTextContent(SEED);
  expect(screen.getByTestId("audit-pass-percent")).toHaveTextContent("0.00 %");
  expect(screen.getByTestId("audit-verdict")).toHaveTextContent("ต่ำกว่าร้อยละ 80: หัก 0.05 คะแนน");
  const [first, second] = screen.getAllByTestId("audit-item") as [HTMLElement, HTMLElement];
  expect(within(first).getByRole("link", { name: "D01-2569-000001" })).toHaveAttribute("href", `/complaints/${item(1, null).complaint_id}`);
  expect(await within(first).findByText("เรื่อง D01-2569-000001")).toBeInTheDocument();
  expect(within(first).getByRole("textbox")).toHaveValue("ไม่มีภาพหลังดำเนินการ");

  await user.type(within(second).getByRole("textbox", { name: "หมายเหตุของเรื่อง D01-2569-000002" }), "ครบถ้วน");
  await user.click(within(second).getByRole("button", { name: "ผ่าน" }));
  const put = await waitFor(() => {
    const found = sent.find((c) => c.method === "PUT");
    if (!found) throw new Error("no verdict sent");
    return found;
  });
  expect(put.body).toEqual({ passed: true, note: "ครบถ้วน" });
  // One of two passed: 50 %, still below 80 %.
  await waitFor(() => expect(screen.getByTestId("audit-pass-percent")).toHaveTextContent("50.00 %"));
  expect(screen.getByTestId("audit-seed")).toHaveTextContent(SEED);
  expect(within(second).getByRole("button", { name: "ผ่าน" })).toHaveAttribute("aria-pressed", "true");
  expect(screen.getByTestId("audit-verdict")).toHaveTextContent("ต่ำกว่าร้อยละ 80");
});

test("a supervisor draws a month's sample; drawing it again offers the existing audit; verdicts are read-only", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-04-10T03:00:00Z"));
  const user = userEvent.setup({ delay: null });
  let drawn = false;
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/scoring/v1/audits": () => json(drawn ? [SUMMARY] : []),
    "GET /api/scoring/v1/schemes/bma-2557": SCHEME,
    [`GET /api/scoring/v1/audits/${AUDIT_ID}`]: () => auditResponse([item(1, true)]),
    "GET /api/intake/v1/complaints": complaintsPage,
    "POST /api/scoring/v1/audits": () => {
      if (drawn) {
        return apiError(409, {
          code: "audit.exists",
          th: "มีการสุ่มตรวจของหน่วยงานนี้ในเดือนนี้แล้ว",
          en: "This agency's month has been sampled already",
          fields: { month: "2026-03" },
          extra: { audit_id: AUDIT_ID },
        });
      }
      drawn = true;
      return auditResponse([item(1, true)], 201);
    },
  });
  renderSignedIn(<Audits />);
  expect(await screen.findByText("ยังไม่มีการสุ่มตรวจ")).toBeInTheDocument();
  const draw = screen.getByRole("button", { name: "สุ่มตัวอย่าง" });
  expect(draw).toBeDisabled();

  await chooseOption(user, screen.getByRole("combobox", { name: "เดือน" }), "มี.ค. 2569");
  await user.click(draw);
  expect(await screen.findByTestId("audit-seed")).toHaveTextContent(SEED);
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({ agency: "ORG", month: "2026-03" });
  expect(await screen.findByTestId("audit-row")).toBeInTheDocument();
  // Supervisors draw; only auditors and administrators judge.
  expect(within(screen.getByTestId("audit-item")).queryByRole("button")).toBeNull();
  expect(screen.getByTestId("audit-verdict")).toHaveTextContent("ไม่ต่ำกว่าร้อยละ 80");

  await user.click(draw);
  expect(await screen.findByRole("button", { name: "เปิดการสุ่มตรวจที่มีอยู่" })).toBeInTheDocument();
});
