import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IntakeSchemas } from "../../api/types";
import { chooseOption } from "../../test/chooseOption";
import { ADMIN, AGENCIES, OFFICER, answerSession } from "../../test/fixtures";
import { answerAll, apiError, json, sent } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import ApiKeys from "./ApiKeys";

vi.setConfig({ testTimeout: 30_000 });

const apiKey = (over: Partial<IntakeSchemas["ApiKeyOut"]> = {}): IntakeSchemas["ApiKeyOut"] => ({
  id: "01a1ff40-0000-7000-8000-000000000001",
  name: "ศูนย์ 1555",
  prefix: "641f20f8ca70",
  agency: "D01",
  scopes: ["complaints:write"],
  active: true,
  created_by: `user:${ADMIN.id}`,
  created_at: "2026-11-21T17:56:00Z",
  revoked_at: null,
  ...over,
});

const SECRET = "rtk_9a8b7c6d5e4f_QmFzZTY0U2VjcmV0VGhhdElzTG9uZ0Vub3VnaFRvQmVBS2V5";

async function fillNewKey(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "สร้างคีย์" }));
  const dialog = await screen.findByRole("dialog");
  await user.type(within(dialog).getByLabelText(/ชื่อคีย์/), "ระบบ 1555");
  await chooseOption(user, within(dialog).getByRole("combobox", { name: /หน่วยงาน/ }), "สำนักงานเขตพระนคร · D01");
  await user.click(within(dialog).getByRole("checkbox", { name: /complaints:write/ }));
  return dialog;
}

test("the new key's secret is shown once, with a warning, and is gone after closing", async () => {
  const user = userEvent.setup({ delay: null });
  const keys = [apiKey({ id: "k-old", name: "ระบบเก่า", prefix: "0123456789ab", active: false, revoked_at: "2026-11-01T03:00:00Z" })];
  answerSession(ADMIN);
  answerAll({
    "GET /api/intake/v1/agencies": AGENCIES,
    "GET /api/intake/v1/api-keys": () => json(keys),
    "POST /api/intake/v1/api-keys": (call) => {
      const created = apiKey({ id: "k-new", name: "ระบบ 1555", prefix: "9a8b7c6d5e4f", scopes: ["complaints:write"] });
      keys.push(created);
      expect(call.body).toEqual({ name: "ระบบ 1555", agency: "D01", scopes: ["complaints:write"] });
      return json({ ...created, key: SECRET }, 201);
    },
  });
  renderSignedIn(<ApiKeys />);

  const dialog = await fillNewKey(user);
  await user.click(within(dialog).getByRole("button", { name: "สร้างคีย์" }));

  expect(await screen.findByTestId("api-key-secret")).toHaveTextContent(SECRET);
  expect(screen.getByText(/เพียงครั้งเดียวและจะแสดงอีกไม่ได้/)).toBeInTheDocument();
  expect(sent.filter((c) => c.method === "POST")).toHaveLength(1);

  await user.click(screen.getByRole("button", { name: "บันทึกไว้แล้ว ปิดหน้าต่าง" }));
  await waitFor(() => expect(screen.queryByTestId("api-key-secret")).not.toBeInTheDocument());
  expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  // The list shows the key by its prefix only.
  expect(await screen.findByTestId("api-key-9a8b7c6d5e4f")).toHaveTextContent("rtk_9a8b7c6d5e4f_…");
  expect(document.body.textContent).not.toContain(SECRET);

  // Opening the form again starts empty and shows no secret.
  await user.click(screen.getByRole("button", { name: "สร้างคีย์" }));
  expect(within(await screen.findByRole("dialog")).getByLabelText(/ชื่อคีย์/)).toHaveValue("");
  expect(screen.queryByTestId("api-key-secret")).not.toBeInTheDocument();
});

test("a refused key shows the error beside its field and keeps what was typed", async () => {
  const user = userEvent.setup({ delay: null });
  answerSession(ADMIN);
  answerAll({
    "GET /api/intake/v1/agencies": AGENCIES,
    "GET /api/intake/v1/api-keys": [],
    "POST /api/intake/v1/api-keys": () =>
      apiError(422, {
        code: "reference.unknown_code",
        th: "ไม่พบหน่วยงานรหัส 'D01'",
        en: "Unknown agency code 'D01'",
        fields: { agency: "unknown agency code" },
      }),
  });
  renderSignedIn(<ApiKeys />);
  const dialog = await fillNewKey(user);
  await user.click(within(dialog).getByRole("button", { name: "สร้างคีย์" }));
  expect(await within(dialog).findByText("ไม่พบหน่วยงานรหัส 'D01'")).toBeInTheDocument();
  expect(within(dialog).getByLabelText(/ชื่อคีย์/)).toHaveValue("ระบบ 1555");
  expect(within(dialog).getByRole("checkbox", { name: /complaints:write/ })).toBeChecked();
  expect(screen.queryByTestId("api-key-secret")).not.toBeInTheDocument();
});

test("revoking asks first and only then deletes the key", async () => {
  const user = userEvent.setup({ delay: null });
  const key = apiKey({ created_by: `user:${OFFICER.id}`, last_used_at: "2026-11-21T18:30:00Z" });
  answerSession(ADMIN);
  answerAll({
    "GET /api/intake/v1/agencies": AGENCIES,
    "GET /api/intake/v1/api-keys": () => json([key]),
    "GET /api/intake/v1/actors": [{ ref: `user:${OFFICER.id}`, kind: "user", name: OFFICER.display_name, agency: "D01" }],
    [`DELETE /api/intake/v1/api-keys/${key.id}`]: () => {
      Object.assign(key, { active: false, revoked_at: "2026-11-22T01:00:00Z" });
      return new Response(null, { status: 204 });
    },
  });
  renderSignedIn(<ApiKeys />);
  await user.click(await screen.findByRole("button", { name: "ยกเลิกคีย์ ศูนย์ 1555" }));
  const dialog = await screen.findByRole("dialog", { name: "ยกเลิกคีย์ API" });
  expect(dialog).toHaveTextContent("rtk_641f20f8ca70_…");
  expect(sent.some((c) => c.method === "DELETE")).toBe(false);

  await user.click(within(dialog).getByRole("button", { name: "ยกเลิกคีย์" }));
  await waitFor(() => expect(sent.some((c) => c.method === "DELETE")).toBe(true));
  expect(await within(screen.getByTestId("api-key-641f20f8ca70")).findByText("ยกเลิกแล้ว")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "ยกเลิกคีย์ ศูนย์ 1555" })).not.toBeInTheDocument();
  // The creator is named, not shown as an id; the key's last use is shown.
  const row = screen.getByTestId("api-key-641f20f8ca70");
  expect(row).toHaveTextContent(OFFICER.display_name);
  expect(row).toHaveTextContent("22 พ.ย. 2569");
  expect(sent.find((c) => c.path === "/api/intake/v1/actors")?.query.getAll("ref")).toEqual([`user:${OFFICER.id}`]);
});
