import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ScoringSchemas } from "../../api/types";
import { chooseOption } from "../../test/chooseOption";
import { SUPERVISOR, answerSession } from "../../test/fixtures";
import { answerAll, sent, type SentRequest } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import Scorecards from "./Scorecards";

vi.mock("../../components/Chart", async () => ({ Chart: (await import("../../test/FakeChart")).FakeChart }));
vi.setConfig({ testTimeout: 60_000 });

type Card = ScoringSchemas["ScorecardOut"];

const step = (key: string, name: string, score: string, extra: Partial<ScoringSchemas["StepOut"]> = {}): ScoringSchemas["StepOut"] => ({
  key,
  name_th: name,
  name_en: key,
  criterion: key,
  points: "1",
  counted: 40,
  correct: 10,
  percent: "25.0000",
  score_before_deductions: score,
  deductions: [],
  score,
  ...extra,
});

const card = (agency: string, name: string, total: string, steps: ScoringSchemas["StepOut"][]): Card => ({
  agency,
  name_th: name,
  rollup: false,
  counted: 40,
  steps,
  total,
  max_total: "5",
  ladder: [],
  weighted_score: null,
});

const D01 = card("D01", "สำนักงานเขตพระนคร", "1.1000", [
  step("receipt", "การรับเรื่อง", "0.2000"),
  step("resolution", "การดำเนินการแก้ไข", "0.1000", {
    points: "2",
    score_before_deductions: "0.1500",
    deductions: [
      {
        rule: "audit_month_below",
        month: "2026-03-01",
        points: "0.05",
        reason_th: "ผลการสุ่มตรวจเดือนมีนาคม 2569 ผ่านร้อยละ 0.00 ต่ำกว่าร้อยละ 80",
        reason_en: "Audit of March 2026: 0.00 % passed, below 80 %",
      },
    ],
  }),
  step("reporting", "การรายงานผล", "0.8000", {
    criterion: "monthly_reports",
    points: "2",
    score_before_deductions: "2.0000",
    deductions: [
      { rule: "monthly_report_late", month: "2025-10-01", points: "0.1", reason_th: "ไม่ได้ส่งรายงานประจำเดือนตุลาคม 2568", reason_en: "No monthly report for October 2025" },
    ],
  }),
]);
const D02 = card("D02", "สำนักงานเขตดุสิต", "2.5000", [step("receipt", "การรับเรื่อง", "1.0000"), step("resolution", "การดำเนินการแก้ไข", "0.5000"), step("reporting", "การรายงานผล", "1.0000")]);
const ROLLUP: Card = { ...card("ORG", "กรุงเทพมหานคร", "1.8000", D02.steps), rollup: true };

const scorecards = (cards: Card[], rollup: Card | null, scheme = "bma-2557"): ScoringSchemas["ScorecardsOut"] => ({
  scheme,
  scheme_version: 3,
  fiscal_year: 2569,
  as_of: "2026-05-01T03:00:00Z",
  events_applied_through: 10,
  scorecards: cards,
  rollup,
});

const STATS = { fiscal_year: 2569, group_by: "month", agency: "ORG", years: [2569], rows: [{ key: "01", counts: { "2569": 12 }, completed: { "2569": 9 } }], totals: { "2569": 12 } };
const SCHEMES = ["bma-2557", "form-7.2"].map((code) => ({ code, version: 1, definition: { name_th: `เกณฑ์ ${code}` }, note: null, created_by: "x", created_at: "2026-01-01T00:00:00Z" }));

function routes(answer: (call: SentRequest) => ScoringSchemas["ScorecardsOut"]) {
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/scoring/v1/schemes": SCHEMES,
    "GET /api/scoring/v1/scorecards": (call: SentRequest) => new Response(JSON.stringify(answer(call)), { headers: { "Content-Type": "application/json" } }),
    "GET /api/scoring/v1/stats": STATS,
  });
}

test("a parent shows its roll-up, its children by score, and a child's steps, deductions and reasons", async () => {
  const user = userEvent.setup({ delay: null });
  routes(() => scorecards([D01, D02], ROLLUP));
  renderSignedIn(<Scorecards />);

  const rollup = await screen.findByRole("region", { name: "ภาพรวม: กรุงเทพมหานคร" });
  expect(within(rollup).getByTestId("scorecard-total")).toHaveTextContent("1.8000 / 5");
  expect(screen.getByTestId("scorecard-meta")).toHaveTextContent("ฉบับที่ 3");
  const asked = sent.find((c) => c.path === "/api/scoring/v1/scorecards");
  expect(asked?.query.get("agency")).toBe("ORG");
  expect(asked?.query.get("scheme")).toBe("bma-2557");

  // Children, highest total first; the chart has the same totals.
  const children = screen.getAllByTestId("scorecard-child");
  expect(children.map((row) => within(row).getAllByRole("cell")[0]?.textContent)).toEqual(["สำนักงานเขตดุสิต", "สำนักงานเขตพระนคร"]);
  const chart = screen.getByRole("img", { name: /คะแนนรวมของหน่วยงานในสังกัด/ });
  expect(JSON.parse(chart.dataset.series ?? "[]")[0].data.map((d: { value: number }) => d.value)).toEqual([1.1, 2.5]);

  // Sorting by the agency's name puts พระนคร… after ดุสิต… in Thai order, reversed on a second click.
  await user.click(screen.getByRole("button", { name: /^หน่วยงาน/ }));
  await user.click(screen.getByRole("button", { name: /^หน่วยงาน/ }));
  expect(screen.getAllByTestId("scorecard-child")[0]).toHaveTextContent("สำนักงานเขตพระนคร");

  await user.click(screen.getByRole("button", { name: "สำนักงานเขตพระนคร" }));
  const detail = await screen.findByRole("region", { name: "สำนักงานเขตพระนคร" });
  expect(within(detail).getByTestId("scorecard-total")).toHaveTextContent("1.1000 / 5");
  const steps = within(detail).getAllByTestId("scorecard-step");
  expect(steps).toHaveLength(3);
  expect(steps[1]).toHaveTextContent("0.1500"); // before the deduction
  expect(steps[1]).toHaveTextContent("−0.05 (1 รายการ)");
  const deductions = within(detail).getAllByTestId("scorecard-deduction");
  expect(deductions.map((d) => d.textContent)).toEqual([
    expect.stringContaining("ผลการสุ่มตรวจเดือนมีนาคม 2569 ผ่านร้อยละ 0.00 ต่ำกว่าร้อยละ 80"),
    expect.stringContaining("ไม่ได้ส่งรายงานประจำเดือนตุลาคม 2568"),
  ]);
  expect(deductions[1]).toHaveTextContent("−0.10");
});

test("a ladder scheme (form 7.2) shows each KPI's ladder, result and the weighted score", async () => {
  const user = userEvent.setup({ delay: null });
  const ladderCard: Card = {
    ...card("D01", "สำนักงานเขตพระนคร", "0", []),
    max_total: "0",
    weighted_score: "3.5000",
    ladder: [
      {
        key: "concluded",
        dimension: "7.1",
        name_th: "ร้อยละของเรื่องที่ยุติ",
        name_en: "Concluded",
        measure: "concluded_percent",
        baseline: "85",
        target: "91",
        weight: "2",
        mode: "linear",
        direction: "higher_is_better",
        levels: ["83", "85", "87", "89", "91"],
        result: "88.0000",
        score: "3.5000",
      },
    ],
  };
  routes((call) => (call.query.get("scheme") === "form-7.2" ? scorecards([ladderCard], null, "form-7.2") : scorecards([D01], null)));
  renderSignedIn(<Scorecards />);
  await screen.findByRole("region", { name: "สำนักงานเขตพระนคร" });

  await chooseOption(user, screen.getByRole("combobox", { name: "เกณฑ์การให้คะแนน" }), /^form-7\.2/);
  const kpi = await screen.findByTestId("scorecard-kpi");
  expect(kpi).toHaveTextContent("ร้อยละของเรื่องที่ยุติ");
  expect(kpi).toHaveTextContent("1: 83");
  expect(kpi).toHaveTextContent("5: 91");
  expect(kpi).toHaveTextContent("88.00 %");
  expect(screen.getByTestId("scorecard-total")).toHaveTextContent("3.5000 / 5");
  await waitFor(() => expect(sent.some((c) => c.query.get("scheme") === "form-7.2")).toBe(true));
});
