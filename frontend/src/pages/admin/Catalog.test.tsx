import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { entry } from "../../test/fixtures";
import { answerAll, apiError, json, sent } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Catalog from "./Catalog";
import { reorder } from "./CatalogList";

vi.setConfig({ testTimeout: 30_000 });

const CHANNELS = [
  entry("walk_in", "ยื่นด้วยตนเอง", "Walk-in", 0),
  entry("phone", "โทรศัพท์", "Phone", 1),
  entry("call_center", "ศูนย์บริการข้อมูลทางโทรศัพท์", "Call center", 2),
  entry("fax", "โทรสาร", "Fax", 3, false),
];

test("reordering renumbers positions and changes only the entries that move", () => {
  expect(reorder(CHANNELS, 1, 1)).toEqual([
    { code: "call_center", sort_order: 1 },
    { code: "phone", sort_order: 2 },
  ]);
  expect(reorder(CHANNELS, 0, -1)).toEqual([]);
  // Equal stored numbers are settled into distinct positions.
  const tied = [entry("a", "ก", "A", 0), entry("b", "ข", "B", 0), entry("c", "ค", "C", 0)];
  expect(reorder(tied, 2, -1)).toEqual([
    { code: "c", sort_order: 1 },
    { code: "b", sort_order: 2 },
  ]);
});

test("channels list inactive entries too, move down with two changes and (de)activate from the row", async () => {
  const user = userEvent.setup({ delay: null });
  const channels = CHANNELS.map((c) => ({ ...c }));
  const patch = (code: string) => (call: { body: unknown }) => {
    const found = channels.find((c) => c.code === code);
    Object.assign(found ?? {}, call.body);
    channels.sort((a, b) => a.sort_order - b.sort_order);
    return json(found);
  };
  answerAll({
    "GET /api/intake/v1/channels": () => json(channels),
    "PATCH /api/intake/v1/channels/phone": patch("phone"),
    "PATCH /api/intake/v1/channels/call_center": patch("call_center"),
    "PATCH /api/intake/v1/channels/fax": patch("fax"),
  });
  renderWithProviders(<Catalog />, { route: "/admin/catalog?tab=channels" });
  const table = await screen.findByRole("table", { name: "ช่องทาง" });
  expect(sent[0]?.query.get("include_inactive")).toBe("true");
  expect(within(table).getByTestId("entry-fax")).toHaveTextContent("ระงับใช้งาน");

  await user.click(screen.getByRole("button", { name: "เลื่อน โทรศัพท์ ลง" }));
  await waitFor(() => {
    const order = within(screen.getByRole("table", { name: "ช่องทาง" }))
      .getAllByTestId(/^entry-/)
      .map((row) => row.dataset.testid);
    expect(order).toEqual(["entry-walk_in", "entry-call_center", "entry-phone", "entry-fax"]);
  });
  const patches = sent.filter((c) => c.method === "PATCH").map((c) => [c.path.split("/").at(-1), c.body]);
  expect(patches).toEqual([
    ["call_center", { sort_order: 1 }],
    ["phone", { sort_order: 2 }],
  ]);

  await user.click(screen.getByRole("switch", { name: "เปิดใช้งาน โทรสาร" }));
  await waitFor(() => expect(sent.at(-2)?.body).toEqual({ active: true }));
  expect(await within(screen.getByTestId("entry-fax")).findByText("ใช้งาน")).toBeInTheDocument();
});

test("a refused new entry shows the error beside the code and keeps the form", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/intake/v1/categories": [entry("roads", "ถนน ทางเท้าชำรุด", "Roads and footpaths", 0)],
    "POST /api/intake/v1/categories": () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: code ค่าไม่ถูกต้อง",
        en: "Invalid request: code: String should match pattern",
        fields: { code: "String should match pattern '^[a-z0-9][a-z0-9_.-]{0,39}$'" },
        fieldsTh: { code: "ค่าไม่ถูกต้อง" },
      }),
  });
  renderWithProviders(<Catalog />, { route: "/admin/catalog" });
  await user.click(await screen.findByRole("button", { name: "เพิ่มประเภทเรื่อง" }));
  const dialog = await screen.findByRole("dialog");
  await user.type(within(dialog).getByLabelText(/^รหัส/), "Street Lights");
  await user.type(within(dialog).getByLabelText(/^ชื่อภาษาไทย/), "ไฟฟ้าส่องสว่าง");
  expect(within(dialog).getByLabelText(/^ลำดับ/)).toHaveValue("1");
  await user.click(within(dialog).getByRole("button", { name: "เพิ่ม" }));

  const code = within(dialog).getByLabelText(/^รหัส/);
  await waitFor(() => expect(code).toHaveAccessibleDescription(/ค่าไม่ถูกต้อง/));
  expect(code).toHaveValue("Street Lights");
  expect(within(dialog).getByLabelText(/^ชื่อภาษาไทย/)).toHaveValue("ไฟฟ้าส่องสว่าง");
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({ code: "Street Lights", name_th: "ไฟฟ้าส่องสว่าง", name_en: null, sort_order: 1 });
});
