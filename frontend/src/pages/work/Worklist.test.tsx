import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICER, answerSession } from "../../test/fixtures";
import { answer, apiError, sentTo } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import type { DueItem } from "./deadline";
import Worklist from "./Worklist";

// jsdom lays nothing out: give the list a viewport of 600 px so the virtualiser has a window.
const realClientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (realClientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", realClientHeight);
});

let serial = 0;
function dueItem(bucket: DueItem["bucket"], due: string, workingDaysLeft: number, duty: DueItem["duty"] = "acknowledge"): DueItem {
  serial += 1;
  const n = String(serial).padStart(6, "0");
  return {
    complaint_id: `01a1feea-0000-7000-8000-${String(serial).padStart(12, "0")}`,
    ticket_no: `ORG-2570-${n}`,
    category: "roads",
    channel: "call_center",
    status: duty === "acknowledge" ? "forwarded" : "in_progress",
    agency: "D01-WORKS",
    forwarded_at: "2026-11-10T03:00:00Z",
    duty,
    due,
    bucket,
    working_days_left: workingDaysLeft,
  };
}

function dueList(items: DueItem[]) {
  return {
    agency: "D01",
    as_of: "2026-11-20T03:00:00Z",
    within: 3,
    overdue: items.filter((i) => i.bucket === "overdue").length,
    due_today: items.filter((i) => i.bucket === "due_today").length,
    due_soon: items.filter((i) => i.bucket === "due_soon").length,
    items,
  };
}

function serve(items: DueItem[]) {
  answerSession(OFFICER);
  answer("GET", "/api/scoring/v1/due", dueList(items));
  answer("GET", "/api/intake/v1/complaints", {
    items: items.map((i) => ({ id: i.complaint_id, ticket_no: i.ticket_no, title: `เรื่อง ${i.ticket_no}` })),
    next_cursor: null,
  });
}

describe("Worklist", () => {
  it("puts overdue before due today before due soon, each by due time, with the duty and due date", async () => {
    const soonLater = dueItem("due_soon", "2026-11-25T16:59:59Z", 3, "first_report");
    const today = dueItem("due_today", "2026-11-20T16:59:59Z", 0, "checkpoint");
    const overdueRecent = dueItem("overdue", "2026-11-18T16:59:59Z", -2);
    const soonFirst = dueItem("due_soon", "2026-11-23T16:59:59Z", 1);
    const overdueOldest = dueItem("overdue", "2026-11-10T16:59:59Z", -8, "first_report");
    serve([soonLater, today, overdueRecent, soonFirst, overdueOldest]);

    renderSignedIn(<Worklist />, { route: "/work" });

    const rows = await screen.findAllByTestId("worklist-row");
    expect(rows.map((row) => row.getAttribute("data-bucket"))).toEqual(["overdue", "overdue", "due_today", "due_soon", "due_soon"]);
    expect(rows.map((row) => row.getAttribute("href"))).toEqual(
      [overdueOldest, overdueRecent, today, soonFirst, soonLater].map((i) => `/complaints/${i.complaint_id}`),
    );
    const first = rows[0] as HTMLElement;
    expect(within(first).getByText("เกินกำหนด 8 วันทำการ")).toBeInTheDocument();
    expect(within(first).getByText("รายงานความคืบหน้าครั้งแรก")).toBeInTheDocument();
    expect(within(first).getByText("ครบกำหนด 10 พ.ย. 2569")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("ครบกำหนดวันนี้")).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText("ภายใน 1 วันทำการ")).toBeInTheDocument();
    // Titles come from intake once its answer is in: the agency's complaints in the statuses listed.
    expect(await within(first).findByText(`เรื่อง ${overdueOldest.ticket_no}`)).toBeInTheDocument();
    const [titles] = sentTo("GET", "/api/intake/v1/complaints");
    expect(titles?.query.get("agency")).toBe("D01");
    expect(titles?.query.getAll("status")).toEqual(["forwarded,in_progress"]);
    expect(screen.getByTestId("worklist-count-overdue")).toHaveTextContent("เกินกำหนด: 2");
    expect(screen.getByTestId("worklist-count-due_today")).toHaveTextContent("ครบกำหนดวันนี้: 1");
    expect(screen.getByTestId("worklist-count-due_soon")).toHaveTextContent("ภายใน 3 วันทำการ: 2");
  });

  it("renders 500 complaints with only a window of them in the DOM, and reports the render time", async () => {
    const items = [
      ...Array.from({ length: 200 }, (_, i) => dueItem("overdue", `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T16:59:59Z`, -5)),
      ...Array.from({ length: 100 }, () => dueItem("due_today", "2026-11-20T16:59:59Z", 0)),
      ...Array.from({ length: 200 }, () => dueItem("due_soon", "2026-11-24T16:59:59Z", 2)),
    ];
    serve(items);

    renderSignedIn(<Worklist />, { route: "/work" });

    const list = await screen.findByTestId("worklist");
    expect(list).toHaveAttribute("data-count", "500");
    const rendered = screen.getAllByTestId("worklist-row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered.every((row) => row.getAttribute("data-bucket") === "overdue")).toBe(true);
    await waitFor(() => expect(Number(list.getAttribute("data-render-ms"))).toBeGreaterThan(0));

    // Scrolled to the end, the window moves to the last section.
    list.scrollTop = 500 * 60;
    fireEvent.scroll(list);
    await waitFor(() =>
      expect(screen.getAllByTestId("worklist-row").every((row) => row.getAttribute("data-bucket") === "due_soon")).toBe(true),
    );
    expect(screen.getAllByTestId("worklist-row").length).toBeLessThan(40);
  });

  it("says so when nothing is due, and shows an error with a retry", async () => {
    serve([]);
    const { unmount } = renderSignedIn(<Worklist />, { route: "/work" });
    expect(await screen.findByText("ไม่มีเรื่องที่ครบกำหนดภายใน 3 วันทำการ")).toBeInTheDocument();
    unmount();

    const failure = () => apiError(500, { code: "internal", th: "ระบบขัดข้อง", en: "Failure" });
    answer("GET", "/api/scoring/v1/due", failure);
    answer("GET", "/api/intake/v1/complaints", failure);
    renderSignedIn(<Worklist />, { route: "/work" });
    expect(await screen.findByRole("alert")).toHaveTextContent("ระบบขัดข้อง");
    expect(screen.getByRole("button", { name: "ลองอีกครั้ง" })).toBeInTheDocument();
  });
});
