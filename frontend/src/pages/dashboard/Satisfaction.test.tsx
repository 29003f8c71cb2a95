import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ScoringSchemas } from "../../api/types";
import { SUPERVISOR, answerSession } from "../../test/fixtures";
import { answerAll, json, sent, type SentRequest } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import Satisfaction from "./Satisfaction";

vi.mock("../../components/Chart", async () => ({ Chart: (await import("../../test/FakeChart")).FakeChart }));
vi.setConfig({ testTimeout: 60_000 });

const entry = (key: string, label: string, answers: number, positive: number, negative: number, labelEn: string | null = null) => ({
  key,
  label,
  label_en: labelEn,
  answers,
  positive,
  negative,
  satisfaction_percent: answers ? ((positive * 100) / answers).toFixed(2) : null,
  dissatisfaction_percent: answers ? ((negative * 100) / answers).toFixed(2) : null,
});

const satisfaction = (answers: number): ScoringSchemas["SatisfactionOut"] => ({
  agency: "ORG",
  from: "2025-10-01",
  to: "2026-09-30",
  as_of: "2026-05-01T03:00:00Z",
  template: null,
  responses: answers ? 12 : 0,
  answers,
  positive: answers ? 80 : 0,
  negative: answers ? 9 : 0,
  satisfaction_percent: answers ? "88.89" : null,
  dissatisfaction_percent: answers ? "10.00" : null,
  by_dimension: answers ? [entry("process", "กระบวนการขั้นตอนการให้บริการ", 50, 45, 3), entry("staff", "การให้บริการของเจ้าหน้าที่", 40, 35, 6)] : [],
  by_item: answers ? [{ ...entry("opm/q1", "ความรวดเร็ว", 50, 45, 3), template: "opm", item: "q1", dimension: "process" }] : [],
  by_group: answers ? [entry("public", "ประชาชน", 90, 80, 9, "Public"), entry("-", "ไม่ระบุ", 0, 0, 0, "Not stated")] : [],
  by_gender: answers ? [entry("male", "ชาย", 40, 30, 5, "Male"), entry("female", "หญิง", 50, 50, 0, "Female")] : [],
  by_age_band: [],
  by_education: [],
  by_occupation: [],
  by_channel: [],
  by_month: [{ ...entry("2025-10", "ตุลาคม 2568", answers, answers ? 80 : 0, answers ? 9 : 0), fiscal_year: 2569 }],
  by_agency: [],
});

test("the two headline percentages, and a breakdown per dimension, group and item", async () => {
  const user = userEvent.setup({ delay: null });
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/intake/v1/surveys/templates": [],
    "GET /api/scoring/v1/satisfaction": () => json(satisfaction(90)),
  });
  renderSignedIn(<Satisfaction />);

  expect(await screen.findByTestId("satisfaction-percent")).toHaveTextContent("88.89 %");
  expect(screen.getByTestId("dissatisfaction-percent")).toHaveTextContent("10.00 %");
  expect(sent.find((c: SentRequest) => c.path === "/api/scoring/v1/satisfaction")?.query.get("agency")).toBe("ORG");

  const dimensions = screen.getByRole("table", { name: "ด้าน" });
  expect(within(dimensions).getAllByRole("row")[1]).toHaveTextContent("กระบวนการขั้นตอนการให้บริการ5045390.00 %6.00 %");
  const chart = screen.getByRole("img", { name: /จำแนกตามด้าน/ });
  expect(JSON.parse(chart.dataset.series ?? "[]")[0].data).toEqual([90, 87.5]);

  await user.click(screen.getByRole("tab", { name: "กลุ่มผู้ตอบ" }));
  const groups = await screen.findByRole("table", { name: "กลุ่มผู้ตอบ" });
  expect(within(groups).getAllByRole("row")[2]).toHaveTextContent("ไม่ระบุ000––"); // no answers: no percentage

  await user.click(screen.getByRole("tab", { name: "เพศ" }));
  const genders = await screen.findByRole("table", { name: "เพศ" });
  expect(within(genders).getAllByRole("row")[2]).toHaveTextContent("หญิง50500100.00 %0.00 %");

  await user.click(screen.getByRole("tab", { name: "ข้อคำถาม" }));
  const items = await screen.findByRole("table", { name: "ข้อคำถาม" });
  await waitFor(() => expect(within(items).getAllByRole("row")[1]).toHaveTextContent("กระบวนการขั้นตอนการให้บริการความรวดเร็ว"));
});

test("no answers: an empty state instead of 0 %", async () => {
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/intake/v1/surveys/templates": [],
    "GET /api/scoring/v1/satisfaction": satisfaction(0),
  });
  renderSignedIn(<Satisfaction />);
  expect(await screen.findByText("ยังไม่มีผู้ตอบแบบสำรวจของหน่วยงานนี้ในปีงบประมาณนี้")).toBeInTheDocument();
  expect(screen.queryByTestId("satisfaction-percent")).toBeNull();
});

test("in English, entries are named by scoring's English labels", async () => {
  localStorage.setItem("rongtook.prefs", JSON.stringify({ language: "en", thaiDigits: false }));
  const user = userEvent.setup({ delay: null });
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/intake/v1/surveys/templates": [],
    "GET /api/scoring/v1/satisfaction": satisfaction(90),
  });
  renderSignedIn(<Satisfaction />);
  await user.click(await screen.findByRole("tab", { name: "Respondent group" }));
  const groups = await screen.findByRole("table", { name: "Respondent group" });
  expect(within(groups).getAllByRole("row")[1]).toHaveTextContent(/^Public/);
  expect(within(groups).getAllByRole("row")[2]).toHaveTextContent(/^Not stated/);
});
