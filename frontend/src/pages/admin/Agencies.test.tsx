import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/render";
import type { Agency } from "../../api/types";
import { chooseOption } from "../../test/chooseOption";
import { AGENCIES } from "../../test/fixtures";
import { answerAll, apiError, json, sent } from "../../test/network";
import Agencies, { visibleRows } from "./Agencies";

vi.setConfig({ testTimeout: 30_000 });

const codes = (rows: { code: string }[]) => rows.map((a) => a.code);

test("rows: only unfolded levels; a filter shows the matches with the agencies above them", () => {
  expect(codes(visibleRows(AGENCIES, new Set(["ORG"]), ""))).toEqual(["ORG", "C-PWD", "D01", "D02"]);
  expect(codes(visibleRows(AGENCIES, new Set(["ORG", "D01"]), ""))).toEqual(["ORG", "C-PWD", "D01", "D01-WORKS", "D01-CLEAN", "D02"]);
  // An unfolded agency under a folded one stays hidden.
  expect(codes(visibleRows(AGENCIES, new Set(["D01"]), ""))).toEqual(["ORG"]);
  expect(codes(visibleRows(AGENCIES, new Set(), "ดุสิต"))).toEqual(["ORG", "D02", "D02-WORKS"]);
  expect(codes(visibleRows(AGENCIES, new Set(), "works"))).toEqual(["ORG", "C-PWD", "D01", "D01-WORKS", "D02", "D02-WORKS"]);
});

test("levels unfold and the filter box narrows the tree", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({ "GET /api/intake/v1/agencies": AGENCIES });
  renderWithProviders(<Agencies />);
  expect(await screen.findByTestId("agency-D01")).toBeInTheDocument();
  expect(screen.queryByTestId("agency-D01-WORKS")).not.toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "ขยาย สำนักงานเขตพระนคร" }));
  expect(screen.getByTestId("agency-D01-WORKS")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "ย่อ สำนักงานเขตพระนคร" })).toHaveAttribute("aria-expanded", "true");

  await user.type(screen.getByRole("searchbox", { name: "ค้นหาหน่วยงาน" }), "ดุสิต");
  await waitFor(() => expect(screen.queryByTestId("agency-D01")).not.toBeInTheDocument());
  expect(screen.getByTestId("agency-D02-WORKS")).toHaveTextContent("ระงับใช้งาน");
  expect(screen.getByText("แสดง 3 จาก 7 หน่วยงาน")).toBeInTheDocument();
});

test("with hundreds of agencies only the rows on screen are rendered, and the filter reaches any", async () => {
  const user = userEvent.setup({ delay: null });
  const many: Agency[] = [AGENCIES[0] as Agency];
  for (let d = 1; d <= 60; d++) {
    const office = `D${String(d).padStart(2, "0")}`;
    many.push({ ...(AGENCIES[2] as Agency), id: `id-${office}`, code: office, name_th: `สำนักงานเขตที่ ${d}`, name_en: `District ${d}` });
    for (const section of ["WORKS", "CLEAN", "CITY", "ENV"]) {
      many.push({ ...(AGENCIES[3] as Agency), id: `id-${office}-${section}`, code: `${office}-${section}`, name_th: `ฝ่าย ${section} เขตที่ ${d}`, name_en: null, parent: office });
    }
  }
  answerAll({ "GET /api/intake/v1/agencies": many });
  // jsdom lays nothing out: give each row the height it has in a browser.
  Object.defineProperty(HTMLTableRowElement.prototype, "offsetHeight", { configurable: true, get: () => 39 });
  onTestFinished(() => {
    delete (HTMLTableRowElement.prototype as { offsetHeight?: number }).offsetHeight;
  });
  renderWithProviders(<Agencies />);
  await user.click(await screen.findByRole("button", { name: "ขยายทั้งหมด" }));
  expect(await screen.findByText("แสดง 301 จาก 301 หน่วยงาน")).toBeInTheDocument();
  expect(screen.getAllByTestId(/^agency-/).length).toBeLessThan(60);
  expect(screen.queryByTestId("agency-D60-ENV")).not.toBeInTheDocument();

  await user.type(screen.getByRole("searchbox", { name: "ค้นหาหน่วยงาน" }), "D60-ENV");
  expect(await screen.findByTestId("agency-D60-ENV")).toBeInTheDocument();
  expect(screen.getByText("แสดง 3 จาก 301 หน่วยงาน")).toBeInTheDocument();
});

test("adding an agency with a code in use shows the refusal beside the code and keeps the form", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/intake/v1/agencies": AGENCIES,
    "POST /api/intake/v1/agencies": () =>
      apiError(409, {
        code: "agency.code_taken",
        th: "มีหน่วยงานรหัส 'D01-WORKS' แล้ว",
        en: "Agency code 'D01-WORKS' is already used",
        fields: { code: "already used" },
      }),
  });
  renderWithProviders(<Agencies />);
  await user.click(await screen.findByRole("button", { name: "เพิ่มหน่วยงานย่อยใต้ สำนักงานเขตพระนคร" }));
  const dialog = await screen.findByRole("dialog", { name: "เพิ่มหน่วยงาน" });
  expect(within(dialog).getByLabelText(/^สังกัด/)).toHaveValue("สำนักงานเขตพระนคร · D01");
  await user.type(within(dialog).getByLabelText(/^รหัสหน่วยงาน/), "D01-WORKS");
  await user.type(within(dialog).getByLabelText(/^ชื่อภาษาไทย/), "ฝ่ายโยธา");
  await user.click(within(dialog).getByRole("button", { name: "เพิ่มหน่วยงาน" }));

  expect(await within(dialog).findByText("มีหน่วยงานรหัส 'D01-WORKS' แล้ว")).toBeInTheDocument();
  expect(within(dialog).getByLabelText(/^รหัสหน่วยงาน/)).toHaveAttribute("aria-invalid", "true");
  expect(within(dialog).getByLabelText(/^ชื่อภาษาไทย/)).toHaveValue("ฝ่ายโยธา");
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({ code: "D01-WORKS", name_th: "ฝ่ายโยธา", name_en: null, parent: "D01" });
});

test("moving and deactivating sends only those changes, and an agency cannot move under itself", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/intake/v1/agencies": AGENCIES,
    "PATCH /api/intake/v1/agencies/D01": () => json({ ...AGENCIES[2], parent: "D02", level: 2, active: false }),
  });
  renderWithProviders(<Agencies />);
  await user.click(await screen.findByRole("button", { name: "แก้ไข สำนักงานเขตพระนคร" }));
  const dialog = await screen.findByRole("dialog");
  const parent = within(dialog).getByLabelText(/^สังกัด/);
  await user.click(parent);
  const list = await waitFor(() => document.getElementById(parent.getAttribute("aria-controls") ?? "") ?? Promise.reject(new Error("closed")));
  const offered = within(list).getAllByRole("option", { hidden: true }).map((o) => o.textContent);
  expect(offered).not.toContain("สำนักงานเขตพระนคร · D01");
  expect(offered).not.toContain("ฝ่ายโยธา สำนักงานเขตพระนคร · D01-WORKS");
  await user.keyboard("{Escape}");

  await chooseOption(user, parent, "สำนักงานเขตดุสิต · D02");
  await user.click(within(dialog).getByRole("switch", { name: /เปิดใช้งาน/ }));
  await user.click(within(dialog).getByRole("button", { name: "บันทึก" }));
  await waitFor(() => expect(sent.some((c) => c.method === "PATCH")).toBe(true));
  expect(sent.find((c) => c.method === "PATCH")?.body).toEqual({ parent: "D02", active: false });
});
