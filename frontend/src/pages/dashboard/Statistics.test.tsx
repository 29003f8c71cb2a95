import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CATEGORIES, SUPERVISOR, answerSession, entry } from "../../test/fixtures";
import { answerAll, json, sent, type SentRequest } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import Statistics from "./Statistics";

vi.mock("../../components/Chart", async () => ({ Chart: (await import("../../test/FakeChart")).FakeChart }));
afterEach(() => vi.useRealTimers());
vi.setConfig({ testTimeout: 60_000 });

const YEARS = [2567, 2568, 2569];
const row = (key: string, counts: number[], completed: number[]) => ({
  key,
  counts: Object.fromEntries(YEARS.map((y, i) => [String(y), counts[i]])),
  completed: Object.fromEntries(YEARS.map((y, i) => [String(y), completed[i]])),
});
const stats = (groupBy: string, rows: ReturnType<typeof row>[]) => ({
  fiscal_year: 2569,
  group_by: groupBy,
  agency: "ORG",
  years: YEARS,
  rows,
  totals: Object.fromEntries(YEARS.map((y, i) => [String(y), rows.reduce((sum, r) => sum + (Object.values(r.counts)[i] ?? 0), 0)])),
});

test("three fiscal years side by side, the latest year's biggest group first, in table and chart", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-05-01T03:00:00Z"));
  const user = userEvent.setup({ delay: null });
  answerSession(SUPERVISOR);
  answerAll({
    "GET /api/intake/v1/categories": [...CATEGORIES, entry("waste", "ขยะมูลฝอย", "Waste", 2)],
    "GET /api/scoring/v1/stats": (call: SentRequest) =>
      json(
        call.query.get("group_by") === "month"
          ? stats("month", [row("02", [1, 2, 3], [1, 1, 1]), row("01", [4, 5, 6], [4, 4, 4])])
          : stats("category", [row("roads", [10, 20, 5], [9, 18, 2]), row("waste", [1, 2, 30], [1, 2, 10])]),
      ),
  });
  renderSignedIn(<Statistics />);

  const table = await screen.findByRole("table", { name: "สถิติเรื่องร้องเรียน" });
  const rows = await within(table).findAllByTestId("stats-row");
  await waitFor(() => expect(rows[0]).toHaveTextContent("ขยะมูลฝอย"));
  expect(within(rows[0] as HTMLElement).getAllByRole("cell").map((c) => c.textContent)).toEqual(["ขยะมูลฝอย", "1", "1", "2", "2", "30", "10"]);
  expect(within(table).getByText("ปีงบประมาณ 2567")).toBeInTheDocument();
  const chart = screen.getByRole("img", { name: /ประเภทเรื่อง/ });
  expect(JSON.parse(chart.dataset.series ?? "[]")).toEqual([
    { name: "ปีงบประมาณ 2567", data: [1, 10] },
    { name: "ปีงบประมาณ 2568", data: [2, 20] },
    { name: "ปีงบประมาณ 2569", data: [30, 5] },
  ]);
  expect(JSON.parse(chart.dataset.categories ?? "[]")).toEqual(["ขยะมูลฝอย", "ถนน ทางเท้าชำรุด"]);
  const asked = sent.filter((c) => c.path === "/api/scoring/v1/stats").at(-1);
  expect(asked?.query.get("fy")).toBe("2569");
  expect(asked?.query.get("compare_years")).toBe("3");
  expect(asked?.query.get("agency")).toBe("ORG");

  // By month: October first, named without a year (three years share the row).
  await user.click(screen.getByRole("radio", { name: "เดือน" }));
  await waitFor(() => expect(sent.filter((c) => c.path === "/api/scoring/v1/stats").at(-1)?.query.get("group_by")).toBe("month"));
  await waitFor(() => expect(screen.getAllByTestId("stats-row")[0]).toHaveTextContent("ต.ค."));
  expect(screen.getAllByTestId("stats-row")[1]).toHaveTextContent("พ.ย.");
});
