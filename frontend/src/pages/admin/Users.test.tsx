import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/render";
import type { Me } from "../../api/types";
import { chooseOption } from "../../test/chooseOption";
import { ADMIN, AGENCIES, OFFICER } from "../../test/fixtures";
import { answerAll, apiError, json, sent } from "../../test/network";
import Users, { filterUsers } from "./Users";

vi.setConfig({ testTimeout: 30_000 });

async function openNewUser(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "เพิ่มผู้ใช้" }));
  const dialog = await screen.findByRole("dialog", { name: "เพิ่มผู้ใช้" });
  await user.type(within(dialog).getByLabelText(/^ชื่อผู้ใช้/), "x");
  await user.type(within(dialog).getByLabelText(/^ชื่อที่แสดง/), "ผู้ทดสอบ");
  await chooseOption(user, within(dialog).getByLabelText(/^บทบาท/), "เจ้าหน้าที่หน่วยงาน");
  await chooseOption(user, within(dialog).getByLabelText(/^หน่วยงาน/), "ฝ่ายโยธา สำนักงานเขตพระนคร · D01-WORKS");
  return dialog;
}

test("a 422 on adding a user shows beside each field it concerns and keeps the form", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/intake/v1/users": [ADMIN, OFFICER],
    "GET /api/intake/v1/agencies": AGENCIES,
    "POST /api/intake/v1/users": () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: username ค่าไม่ถูกต้อง",
        en: "Invalid request: username: String should match pattern",
        fields: { username: "String should match pattern '^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$'", password: "String should have at least 8 characters" },
        fieldsTh: { username: "ค่าไม่ถูกต้อง", password: "สั้นเกินไป" },
      }),
  });
  renderWithProviders(<Users />);
  const dialog = await openNewUser(user);
  await user.type(within(dialog).getByLabelText(/^รหัสผ่าน/), "short");
  await user.click(within(dialog).getByText("เพิ่มผู้ใช้", { selector: "button *" }));

  const username = within(dialog).getByLabelText(/^ชื่อผู้ใช้/);
  await waitFor(() => expect(username).toHaveAccessibleDescription(/ค่าไม่ถูกต้อง/));
  expect(within(dialog).getByLabelText(/^รหัสผ่าน/)).toHaveAccessibleDescription(/สั้นเกินไป/);
  // The display name is not in error, and the general message naming "username" is not put beside it.
  expect(within(dialog).getByLabelText(/^ชื่อที่แสดง/)).not.toHaveAttribute("aria-invalid", "true");
  // What was typed stays.
  expect(username).toHaveValue("x");
  expect(within(dialog).getByLabelText(/^ชื่อที่แสดง/)).toHaveValue("ผู้ทดสอบ");
  expect(within(dialog).getByLabelText(/^หน่วยงาน/)).toHaveValue("ฝ่ายโยธา สำนักงานเขตพระนคร · D01-WORKS");
  expect(within(dialog).getByLabelText(/^รหัสผ่าน/)).toHaveValue("short");
});

test("a generated password is shown once and the new user is listed", async () => {
  const user = userEvent.setup({ delay: null });
  const users: Me[] = [ADMIN];
  answerAll({
    "GET /api/intake/v1/users": () => json(users),
    "GET /api/intake/v1/agencies": AGENCIES,
    "POST /api/intake/v1/users": () => {
      const created: Me = {
        id: "01a1ff3e-2a05-70d5-b298-795fbda5d5b4",
        username: "x",
        display_name: "ผู้ทดสอบ",
        role: "agency_officer",
        agency: { code: "D01-WORKS", name_th: "ฝ่ายโยธา สำนักงานเขตพระนคร", name_en: null },
        active: true,
        last_login_at: null,
      };
      users.push(created);
      return json({ ...created, password: "Tl_ZEeJ3zHuvkXa9" }, 201);
    },
  });
  renderWithProviders(<Users />);
  const dialog = await openNewUser(user);
  await user.click(within(dialog).getByText("เพิ่มผู้ใช้", { selector: "button *" }));

  expect(await screen.findByTestId("user-password")).toHaveTextContent("Tl_ZEeJ3zHuvkXa9");
  expect(sent.find((c) => c.method === "POST")?.body).toEqual({
    username: "x",
    display_name: "ผู้ทดสอบ",
    role: "agency_officer",
    agency: "D01-WORKS",
    password: null,
  });
  await user.click(screen.getByRole("button", { name: "บันทึกไว้แล้ว ปิดหน้าต่าง" }));
  await waitFor(() => expect(screen.queryByTestId("user-password")).not.toBeInTheDocument());
  expect(document.body.textContent).not.toContain("Tl_ZEeJ3zHuvkXa9");
  expect(await screen.findByTestId("user-x")).toHaveTextContent("ฝ่ายโยธา สำนักงานเขตพระนคร");
});

test("editing a user sends only what changed", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/intake/v1/users": [ADMIN, OFFICER],
    "GET /api/intake/v1/agencies": AGENCIES,
    "PATCH /api/intake/v1/users/officer.d01": { ...OFFICER, active: false },
  });
  renderWithProviders(<Users />);
  await user.click(await screen.findByRole("button", { name: "แก้ไข officer.d01" }));
  const dialog = await screen.findByRole("dialog");
  await user.click(within(dialog).getByRole("switch", { name: /เข้าสู่ระบบได้/ }));
  await user.type(within(dialog).getByLabelText(/รหัสผ่านใหม่/), "new-pass-123");
  await user.click(within(dialog).getByRole("button", { name: "บันทึก" }));
  await waitFor(() => expect(sent.some((c) => c.method === "PATCH")).toBe(true));
  expect(sent.find((c) => c.method === "PATCH")?.body).toEqual({ active: false, password: "new-pass-123" });
});

test("the filter matches username, name and agency, and the role", () => {
  const users = [ADMIN, OFFICER];
  expect(filterUsers(users, "พระนคร", null).map((u) => u.username)).toEqual(["officer.d01"]);
  expect(filterUsers(users, "ADMIN", null).map((u) => u.username)).toEqual(["admin"]);
  expect(filterUsers(users, "", "agency_officer").map((u) => u.username)).toEqual(["officer.d01"]);
  expect(filterUsers(users, "admin", "agency_officer")).toEqual([]);
});
