import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { answer, apiError, json, sentTo } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Survey from "./Survey";

const TOKEN = "tok-0123456789abcdef";
const SURVEY = `/api/intake/v1/public/complaints/${TOKEN}/survey`;

const LEVELS = [
  { value: 3, label_th: "พึงพอใจมาก", label_en: "Very satisfied", polarity: "positive" },
  { value: 2, label_th: "พึงพอใจ", label_en: "Satisfied", polarity: "positive" },
  { value: 1, label_th: "ไม่พึงพอใจ", label_en: "Dissatisfied", polarity: "negative" },
];

function survey(answered = false) {
  return {
    ticket_no: "ORG-2567-000042",
    answered,
    template: {
      id: "t-1",
      code: "opm-service-17",
      version: 1,
      name_th: "แบบสำรวจความพึงพอใจ (แบบที่ 1)",
      name_en: "Satisfaction (form 1)",
      scale: 3,
      preset: true,
      active: true,
      definition: {
        levels: LEVELS,
        profile: ["gender"],
        topic: true,
        dimensions: [
          {
            code: "process",
            name_th: "กระบวนการขั้นตอนการให้บริการ",
            name_en: "Service process",
            items: [
              { code: "1.1", text_th: "สะดวกเข้าใจง่าย", text_en: "Easy" },
              { code: "1.2", text_th: "มีประกาศขั้นตอนชัดเจน", text_en: "Steps posted" },
            ],
          },
          {
            code: "staff",
            name_th: "การให้บริการของเจ้าหน้าที่",
            name_en: "Staff",
            items: [{ code: "2.1", text_th: "ตรงต่อเวลา", text_en: "Punctual" }],
          },
        ],
        questions: [
          {
            code: "29",
            type: "choice",
            multiple: true,
            text_th: "ช่องทางที่ท่านพึงพอใจ",
            text_en: "Channels you like",
            choices: [
              { code: "website", text_th: "เว็บไซต์", text_en: "Website" },
              { code: "call_center", text_th: "Call Center", text_en: "Call center" },
            ],
          },
        ],
      },
    },
  };
}

function renderSurvey() {
  return renderWithProviders(
    <Routes>
      <Route path="/p/:token/survey" element={<Survey />} />
    </Routes>,
    { route: `/p/${TOKEN}/survey` },
  );
}

const item = (name: RegExp) => screen.getByRole("radiogroup", { name, hidden: true });

async function rate(user: ReturnType<typeof userEvent.setup>, name: RegExp, level: string) {
  await user.click(within(item(name)).getByRole("radio", { name: level, hidden: true }));
}

describe("public Survey", { timeout: 30_000 }, () => {
  it("renders every question and posts the chosen answers", async () => {
    answer("GET", SURVEY, survey());
    answer("POST", SURVEY, () => json({ status: "recorded" }, 201));
    const user = userEvent.setup();
    renderSurvey();
    await screen.findByText(/ORG-2567-000042/);
    expect(screen.getAllByRole("radiogroup", { name: /^\d\.\d /, hidden: true })).toHaveLength(3);

    await rate(user, /1\.1 สะดวกเข้าใจง่าย/, "พึงพอใจมาก");
    await rate(user, /1\.2 มีประกาศขั้นตอนชัดเจน/, "ไม่พึงพอใจ");
    await rate(user, /2\.1 ตรงต่อเวลา/, "พึงพอใจ");
    await user.click(screen.getByRole("checkbox", { name: "เว็บไซต์", hidden: true }));
    await user.selectOptions(screen.getByLabelText("เพศ"), "female");
    await user.click(screen.getByLabelText("ข้อเสนอแนะเพิ่มเติม (ถ้ามี)"));
    await user.paste("อยากให้ตอบเร็วขึ้น");
    await user.click(screen.getByRole("button", { name: "ส่งแบบสำรวจ", hidden: true }));

    expect(await screen.findByText("ขอบคุณที่ตอบแบบสำรวจ")).toBeInTheDocument();
    expect(sentTo("POST", SURVEY)[0]?.body).toEqual({
      answers: { "1.1": 3, "1.2": 1, "2.1": 2 },
      respondent: { gender: "female" },
      extra: { "29": ["website"] },
      suggestion: "อยากให้ตอบเร็วขึ้น",
    });
  });

  it("says so when the survey was already answered", async () => {
    answer("GET", SURVEY, survey(true));
    renderSurvey();
    expect(await screen.findByText(/ได้ตอบแบบสำรวจของเรื่องนี้แล้ว/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "ส่งแบบสำรวจ", hidden: true })).not.toBeInTheDocument();
  });

  it("asks for at least one answer before sending", async () => {
    answer("GET", SURVEY, survey());
    const user = userEvent.setup();
    renderSurvey();
    await screen.findByText(/ORG-2567-000042/);
    await user.click(screen.getByRole("button", { name: "ส่งแบบสำรวจ", hidden: true }));
    expect(screen.getByText("กรุณาเลือกระดับความพึงพอใจอย่างน้อยหนึ่งข้อ")).toBeInTheDocument();
    expect(sentTo("POST", SURVEY)).toHaveLength(0);
  });

  it("shows a refused answer next to its question and keeps the choices", async () => {
    answer("GET", SURVEY, survey());
    answer("POST", SURVEY, () =>
      apiError(422, {
        code: "survey.invalid_answers",
        th: "คำตอบไม่ตรงกับแบบสำรวจ",
        en: "Answers do not fit the questionnaire",
        fields: { "answers.1.2": "must be one of [1, 2, 3]" },
      }),
    );
    const user = userEvent.setup();
    renderSurvey();
    await screen.findByText(/ORG-2567-000042/);
    await rate(user, /1\.2 มีประกาศขั้นตอนชัดเจน/, "พึงพอใจ");
    await user.click(screen.getByRole("button", { name: "ส่งแบบสำรวจ", hidden: true }));

    await waitFor(() => expect(item(/1\.2/)).toHaveAccessibleDescription(/คำตอบไม่ตรงกับแบบสำรวจ/));
    expect(item(/1\.1/)).not.toHaveAccessibleDescription(/คำตอบไม่ตรงกับแบบสำรวจ/);
    expect(within(item(/1\.2/)).getByRole("radio", { name: "พึงพอใจ", hidden: true })).toBeChecked();
  });

  it("shows 'already answered' when someone answered in the meantime", async () => {
    answer("GET", SURVEY, survey());
    answer("POST", SURVEY, () => apiError(409, { code: "survey.already_answered", th: "ตอบแล้ว", en: "Already answered" }));
    const user = userEvent.setup();
    renderSurvey();
    await screen.findByText(/ORG-2567-000042/);
    await rate(user, /2\.1 ตรงต่อเวลา/, "พึงพอใจมาก");
    await user.click(screen.getByRole("button", { name: "ส่งแบบสำรวจ", hidden: true }));
    expect(await screen.findByText(/ได้ตอบแบบสำรวจของเรื่องนี้แล้ว/)).toBeInTheDocument();
  });
});
