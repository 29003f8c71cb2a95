import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderSignedIn } from "../../test/render";
import type { ScoringSchemas } from "../../api/types";
import { ADMIN, answerSession } from "../../test/fixtures";
import { answerAll, apiError, json, sent } from "../../test/network";
import Schemes from "./Schemes";

vi.setConfig({ testTimeout: 30_000 });

type SchemeOut = ScoringSchemas["SchemeOut"];

// As the database gives it back: keys in JSONB's order, decimals as strings.
const OPM: SchemeOut = {
  code: "opm-concluded",
  version: 1,
  definition: {
    code: "opm-concluded",
    steps: [{ key: "concluded", points: "1", name_en: "Concluded", name_th: "เรื่องที่ยุติ", criterion: "concluded", deductions: [], full_at_percent: "91" }],
    ladder: [],
    source: "seed 000; SPEC §5.3",
    name_en: "Share of complaints concluded (OPM)",
    name_th: "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขจนได้ข้อยุติ",
    february: "last_day",
    target_percent: "91",
    evidence_required: false,
  },
  note: null,
  created_by: "system:scoring",
  created_at: "2026-11-21T16:53:00Z",
};

async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "ดูเกณฑ์ opm-concluded" }));
  const steps = await screen.findByTestId("scheme-steps");
  expect(steps).toHaveTextContent("เรื่องที่ยุติ");
  expect(steps).toHaveTextContent("91.00 %");
  await user.click(screen.getByRole("button", { name: "สร้างฉบับใหม่" }));
  return screen.findByRole("dialog", { name: "ฉบับใหม่ของเกณฑ์ opm-concluded" });
}

async function replaceText(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, text: string) {
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

test("the server's validation errors are listed with their field paths and the text is kept", async () => {
  const user = userEvent.setup({ delay: null });
  answerAll({
    "GET /api/scoring/v1/schemes": [OPM],
    "GET /api/scoring/v1/schemes/opm-concluded": OPM,
    "POST /api/scoring/v1/schemes": () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: definition.steps.0.points น้อยเกินไป",
        en: "Invalid request: definition.steps.0.points: Input should be greater than 0",
        fields: { "definition.steps.0.points": "Input should be greater than 0", "definition.steps.0.criterion": "Input should be 'receipt', …" },
        fieldsTh: { "definition.steps.0.points": "น้อยเกินไป", "definition.steps.0.criterion": "ไม่ใช่ค่าที่อนุญาต" },
      }),
  });
  answerSession(ADMIN);
  renderSignedIn(<Schemes />, { route: "/admin/schemes" });
  const dialog = await openEditor(user);
  const editor = within(dialog).getByTestId("scheme-json-editor");
  const prefilled = (editor as HTMLTextAreaElement).value;
  // Prefilled with the current definition, keys in the schema's order.
  expect(JSON.parse(prefilled)).toEqual(OPM.definition);
  expect(prefilled.indexOf('"code"')).toBeLessThan(prefilled.indexOf('"name_th"'));
  expect(prefilled.indexOf('"name_th"')).toBeLessThan(prefilled.indexOf('"steps"'));

  const broken = prefilled.replace('"points": "1"', '"points": "-1"').replace('"criterion": "concluded"', '"criterion": "finished"');
  await replaceText(user, editor, broken);
  await user.type(within(dialog).getByLabelText(/^เหตุผลของฉบับนี้/), "ทดสอบ");
  await user.click(within(dialog).getByRole("button", { name: "บันทึกเป็นฉบับใหม่" }));

  const problems = await within(dialog).findByTestId("scheme-problems");
  expect(problems).toHaveTextContent("steps.0.points — น้อยเกินไป");
  expect(problems).toHaveTextContent("steps.0.criterion — ไม่ใช่ค่าที่อนุญาต");
  expect(editor).toHaveValue(broken);
  const posted = sent.find((c) => c.method === "POST")?.body as { definition: { steps: { points: string }[] }; note: string };
  expect(posted.definition.steps[0]?.points).toBe("-1");
  expect(posted.note).toBe("ทดสอบ");
});

test("text that is not JSON is not sent; a valid definition becomes the next version", async () => {
  const user = userEvent.setup({ delay: null });
  const schemes = [OPM];
  answerAll({
    "GET /api/scoring/v1/schemes": () => json(schemes),
    "GET /api/scoring/v1/schemes/opm-concluded": (call) => json(schemes.find((s) => s.version === Number(call.query.get("version") ?? schemes[0]?.version)) ?? schemes[0]),
    "POST /api/scoring/v1/schemes": (call) => {
      const body = call.body as { definition: Record<string, unknown>; note: string | null };
      const saved: SchemeOut = { ...OPM, version: 2, definition: body.definition, note: body.note, created_by: `user:${ADMIN.id}` };
      schemes.splice(0, 1, saved);
      return json(saved, 201);
    },
  });
  answerSession(ADMIN);
  renderSignedIn(<Schemes />, { route: "/admin/schemes" });
  const dialog = await openEditor(user);
  const editor = within(dialog).getByTestId("scheme-json-editor");
  const prefilled = (editor as HTMLTextAreaElement).value;

  await replaceText(user, editor, prefilled.slice(0, -3));
  await user.click(within(dialog).getByRole("button", { name: "บันทึกเป็นฉบับใหม่" }));
  expect(await within(dialog).findByText(/^JSON ไม่ถูกต้อง/)).toBeInTheDocument();
  expect(sent.some((c) => c.method === "POST")).toBe(false);

  await replaceText(user, editor, prefilled.replace('"target_percent": "91"', '"target_percent": "92"'));
  await user.click(within(dialog).getByRole("button", { name: "บันทึกเป็นฉบับใหม่" }));
  expect(await screen.findByTestId("scheme-saved")).toHaveTextContent("บันทึกเกณฑ์ opm-concluded ฉบับที่ 2 แล้ว");
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect((sent.find((c) => c.method === "POST")?.body as { definition: { target_percent: string } }).definition.target_percent).toBe("92");
  expect(await screen.findByTestId("scheme-opm-concluded")).toHaveTextContent("ฉบับที่ 2");
  expect(await screen.findByDisplayValue("ฉบับที่ 2 (ล่าสุด)")).toBeInTheDocument();
});
