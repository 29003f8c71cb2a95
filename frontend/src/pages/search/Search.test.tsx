import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { answerReferenceData } from "../../test/fixtures";
import { answer, apiError, json, sentTo } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Search from "./Search";

const COMPLAINTS = "/api/intake/v1/complaints";

function summary(n: number, status = "received") {
  return {
    id: `c-${n}`,
    ticket_no: `ORG-2567-${String(n).padStart(6, "0")}`,
    status,
    triage: "general",
    title: `ไฟฟ้าส่องสว่างดับ ซอย ${n}`,
    category: "street_lights",
    channel: "phone",
    receiving_agency: "ORG",
    agencies: n % 2 === 0 ? ["D01"] : [],
    received_at: "2024-05-01T02:00:00Z",
    updated_at: "2024-05-01T02:00:00Z",
    imported: false,
  };
}

function Where() {
  const location = useLocation();
  return <output aria-label="where">{location.search}</output>;
}

function renderSearch(route: string) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/search"
        element={
          <>
            <Search />
            <Where />
          </>
        }
      />
    </Routes>,
    { route },
  );
}

beforeEach(() => answerReferenceData());

describe("Search", { timeout: 30_000 }, () => {
  it("searches with the filters in the address and loads more with the cursor", async () => {
    answer("GET", COMPLAINTS, (request) => {
      const cursor = request.query.get("cursor");
      return cursor === null
        ? json({ items: [summary(1), summary(2, "forwarded")], next_cursor: "next-1" })
        : json({ items: [summary(3)], next_cursor: null });
    });
    const user = userEvent.setup();
    renderSearch(`/search?q=${encodeURIComponent("ไฟฟ้า")}&status=received&status=forwarded&agency=D01`);

    expect(await screen.findByRole("link", { name: "ORG-2567-000001", hidden: true })).toHaveAttribute("href", "/complaints/c-1");
    const first = sentTo("GET", COMPLAINTS)[0]!.query;
    expect(first.get("q")).toBe("ไฟฟ้า");
    expect(first.getAll("status")).toEqual(["received", "forwarded"]);
    expect(first.get("agency")).toBe("D01");
    expect(first.get("cursor")).toBeNull();
    // The form shows what is searched.
    expect(screen.getByLabelText("ข้อความ")).toHaveValue("ไฟฟ้า");

    const rows = () => within(screen.getByRole("table", { hidden: true })).getAllByRole("row", { hidden: true });
    expect(rows()).toHaveLength(3); // header + 2
    expect(within(rows()[2]!).getByText("สำนักงานเขตพระนคร")).toBeInTheDocument();
    expect(within(rows()[1]!).getByText("ไฟฟ้าส่องสว่าง")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "โหลดเพิ่ม", hidden: true }));
    await screen.findByText("ORG-2567-000003");
    expect(sentTo("GET", COMPLAINTS)[1]!.query.get("cursor")).toBe("next-1");
    expect(rows()).toHaveLength(4);
    expect(screen.queryByRole("button", { name: "โหลดเพิ่ม", hidden: true })).not.toBeInTheDocument();
  });

  it("puts a new search in the address so that it can be shared", async () => {
    answer("GET", COMPLAINTS, { items: [], next_cursor: null });
    const user = userEvent.setup();
    renderSearch("/search");
    await screen.findByText("ไม่พบเรื่องที่ตรงกับเงื่อนไข");
    await user.click(screen.getByLabelText("โทรศัพท์ผู้ร้อง"));
    await user.paste("0812345678");
    await user.click(screen.getByRole("button", { name: "ค้นหา", hidden: true }));

    await waitFor(() => expect(screen.getByLabelText("where")).toHaveTextContent("?phone=0812345678"));
    await waitFor(() => expect(sentTo("GET", COMPLAINTS)).toHaveLength(2));
    expect(sentTo("GET", COMPLAINTS)[1]!.query.get("phone")).toBe("0812345678");
  });

  it("shows a refused filter next to its field", async () => {
    answer("GET", COMPLAINTS, () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง",
        en: "Invalid request",
        fields: { received_from: "Input should be a valid date" },
        fieldsTh: { received_from: "รูปแบบวันที่ไม่ถูกต้อง (YYYY-MM-DD)" },
      }),
    );
    renderSearch("/search?received_from=2567-13-01");
    await waitFor(() => expect(screen.getByLabelText("รับเรื่องตั้งแต่วันที่")).toHaveAccessibleDescription(/รูปแบบวันที่ไม่ถูกต้อง/));
    expect(screen.getByRole("alert", { hidden: true })).toHaveTextContent("ข้อมูลไม่ถูกต้อง");
  });
});
