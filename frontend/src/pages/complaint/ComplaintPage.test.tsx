import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { Complaint, ScoringSchemas } from "../../api/types";
import { OFFICER, answerSession } from "../../test/fixtures";
import { findMap, pinTitles } from "../../test/map";
import { answer, apiError, json, sent, sentTo } from "../../test/network";
import { renderSignedIn } from "../../test/render";
import ComplaintPage from "./ComplaintPage";

const ID = "01a1feea-3c7c-700d-b7d6-4388da2e6604";
const DAY = 24 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const now = Date.now();

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: ID,
    ticket_no: "ORG-2570-000332",
    status: "in_progress",
    triage: "general",
    title: "ถนนชำรุดเป็นหลุมลึก หน้าโรงเรียนวัดราชบพิธ",
    category: "roads",
    channel: "call_center",
    receiving_agency: "ORG",
    agencies: ["D01-WORKS"],
    address: "ถนนราชบพิธ แขวงวัดราชบพิธ เขตพระนคร",
    received_at: iso(now - 20 * DAY),
    updated_at: iso(now - 18 * DAY),
    imported: false,
    description: "ผู้ร้องแจ้งว่าถนนเป็นหลุมลึก รถจักรยานยนต์ล้มแล้วสองคัน",
    complainant_group: "public",
    complainant: { anonymous: false, redacted: false, name: "กาญจนา ศรีสุข", phone: "0812345678", email: null, group: null },
    location: { address: "ถนนราชบพิธ แขวงวัดราชบพิธ เขตพระนคร", lat: null, long: null },
    occurred_at: null,
    duplicate_of: null,
    assignments: [
      {
        agency: "D01-WORKS",
        agency_name_th: "ฝ่ายโยธา สำนักงานเขตพระนคร",
        status: "acknowledged",
        forwarded_at: iso(now - 19 * DAY),
        acknowledged_at: iso(now - 18 * DAY),
        completed_at: null,
        ended_at: null,
      },
    ],
    public_url: "http://127.0.0.1:8000/p/token",
    events: [
      { id: "e1", seq: 1, type: "received", recorded_at: iso(now - 20 * DAY), agency: "ORG", text: null, payload: {}, actor: "user:u-front", imported: false },
      { id: "e2", seq: 2, type: "forwarded", recorded_at: iso(now - 19 * DAY), agency: "D01-WORKS", text: "ส่งฝ่ายโยธาพิจารณา", payload: {}, actor: "user:u-front", imported: false },
      { id: "e3", seq: 3, type: "acknowledged", recorded_at: iso(now - 18 * DAY), agency: "D01-WORKS", text: null, payload: {}, actor: "user:u-works", imported: false },
    ],
    attachments: [],
    duplicates: null,
    allowed_events: ["progress_reported", "followup_requested", "evidence_attached", "completed", "transferred", "rejected", "duplicate_of"],
    ...overrides,
  };
}

type Sla = ScoringSchemas["ComplaintSla"];

/** As scoring answers for the complaint above: acknowledged in time, first report and one
 * checkpoint missed, one checkpoint met by a later report, the next one still ahead. */
function sla(): Sla {
  const checkpoints = [
    { day: iso(now - 14 * DAY).slice(0, 10), due: iso(now - 13 * DAY), reported_at: null, state: "missed" as const },
    { day: iso(now - 2 * DAY).slice(0, 10), due: iso(now - 1 * DAY), reported_at: iso(now - 3 * DAY), state: "met" as const },
    { day: iso(now + 12 * DAY).slice(0, 10), due: iso(now + 13 * DAY), reported_at: null, state: "due" as const },
  ];
  return {
    complaint_id: ID,
    ticket_no: "ORG-2570-000332",
    status: "in_progress",
    received_at: iso(now - 20 * DAY),
    completed_at: null,
    concluded_at: null,
    as_of: iso(now),
    assignments: [
      {
        agency: "D01-WORKS",
        number: 1,
        fiscal_year: 2570,
        via: "forwarded",
        from_agency: null,
        forwarded_at: iso(now - 19 * DAY),
        acknowledgement: { due: iso(now - 17 * DAY), at: iso(now - 18 * DAY), state: "met" },
        first_report: { due: iso(now - 14 * DAY), at: iso(now - 3 * DAY), state: "missed" },
        checkpoints: { last_day: checkpoints, last_working_day: checkpoints },
        completed_at: null,
        result_present: false,
        result_details_present: false,
        evidence_before: false,
        evidence_after: false,
        transferred_at: null,
        transferred_to: null,
        concluded_at: null,
        open: true,
        next_due: iso(now + 13 * DAY),
      },
    ],
  };
}

const COMPLAINT = `/api/intake/v1/complaints/${ID}`;
const EVENTS = `${COMPLAINT}/events`;
const SLA = `/api/scoring/v1/complaints/${ID}/sla`;

/** The officer's session, the complaint and its SLA. */
function serve(data: Complaint) {
  answerSession(OFFICER);
  answer("GET", COMPLAINT, data);
  answer("GET", SLA, sla());
}

const renderPage = () =>
  renderSignedIn(
    <Routes>
      <Route path="/complaints/:id" element={<ComplaintPage />} />
    </Routes>,
    { route: `/complaints/${ID}` },
  );

const actions = () => within(screen.getByRole("group", { name: "การดำเนินการ" }));

// Typing into Mantine inputs in jsdom is slow: the interacting tests get more time.
describe("ComplaintPage", { timeout: 20_000 }, () => {
  it("shows the complaint: header, complainant, the timeline oldest first", async () => {
    serve(complaint());
    answer("GET", "/api/intake/v1/actors", [{ ref: "user:u-front", kind: "user", name: "สมศรี ใจดี", agency: "ORG" }]);
    renderPage();
    expect(await screen.findByRole("heading", { name: "ถนนชำรุดเป็นหลุมลึก หน้าโรงเรียนวัดราชบพิธ" })).toBeInTheDocument();
    expect(screen.getByTestId("ticket-no")).toHaveTextContent("ORG-2570-000332");
    expect(screen.getByTestId("complainant")).toHaveTextContent("กาญจนา ศรีสุข · 0812345678");
    const timeline = screen.getByRole("list", { name: "ลำดับเหตุการณ์" });
    expect(within(timeline).getAllByRole("listitem").map((item) => item.getAttribute("data-type"))).toEqual([
      "received",
      "forwarded",
      "acknowledged",
    ]);
    expect(within(timeline).getByText("ส่งฝ่ายโยธาพิจารณา")).toBeInTheDocument();
    // Actors by name once intake names them; one it does not know keeps a short reference.
    const [received, , acknowledged] = within(timeline).getAllByRole("listitem");
    expect(await within(received!).findByText(/โดย สมศรี ใจดี/)).toBeInTheDocument();
    expect(acknowledged).toHaveTextContent("โดย เจ้าหน้าที่ (…orks)");
    expect(sentTo("GET", "/api/intake/v1/actors")[0]?.query.getAll("ref")).toEqual(["user:u-front", "user:u-works"]);
  });

  it("shows the place on a map when the complaint has coordinates, and no map without them", async () => {
    serve(complaint({ location: { address: "ถนนราชบพิธ", lat: 13.7525, long: 100.4942 } }));
    const { unmount } = renderPage();
    await findMap("แผนที่ตำแหน่งที่เกิดเหตุ");
    await waitFor(() => expect(pinTitles()).toEqual(["หมุดที่ 13.752500, 100.494200"]));
    expect(screen.getByText("ถนนราชบพิธ · 13.7525, 100.4942")).toBeInTheDocument();
    unmount();

    serve(complaint());
    renderPage();
    expect(await screen.findByText("ถนนราชบพิธ แขวงวัดราชบพิธ เขตพระนคร")).toBeInTheDocument();
    expect(screen.queryByRole("application")).not.toBeInTheDocument();
  });

  it("offers only the actions in allowed_events", async () => {
    serve(complaint());
    const { unmount } = renderPage();
    await screen.findByRole("group", { name: "การดำเนินการ" });
    const offered = actions()
      .getAllByRole("button")
      .map((button) => button.textContent);
    expect(offered).toEqual(["รายงานความคืบหน้า", "ดำเนินการแล้วเสร็จ", "ติดตามเร่งรัด", "โอนเรื่อง", "ไม่รับเรื่อง", "ระบุว่าเป็นเรื่องซ้ำ"]);
    expect(screen.queryByRole("button", { name: "รับทราบ" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("ไฟล์แนบ")).toBeInTheDocument();
    unmount();

    // Someone who may record nothing (an auditor) sees no actions and no upload.
    serve(complaint({ allowed_events: [] }));
    renderPage();
    await screen.findByRole("heading", { name: "ถนนชำรุดเป็นหลุมลึก หน้าโรงเรียนวัดราชบพิธ" });
    expect(screen.queryByRole("group", { name: "การดำเนินการ" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "ดำเนินการแล้วเสร็จ" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("ไฟล์แนบ")).not.toBeInTheDocument();
  });

  it("completing without a result shows the error next to the result field and keeps what was typed", async () => {
    const user = userEvent.setup({ delay: null });
    serve(complaint());
    answer("POST", EVENTS, () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง: result ยาวเกินไป",
        en: "Invalid request: result: too long",
        fields: { result: "String should have at most 20000 characters" },
      }),
    );
    renderPage();
    await user.click(await screen.findByRole("button", { name: "ดำเนินการแล้วเสร็จ" }));
    const dialog = within(await screen.findByRole("dialog"));
    await user.type(dialog.getByLabelText("เลขที่หนังสือ"), "กท 5101/1234");
    await user.type(dialog.getByLabelText("หมายเหตุภายใน"), "ประสานสำนักการโยธาแล้ว");
    await user.click(dialog.getByRole("button", { name: "บันทึก" }));

    const result = dialog.getByLabelText(/ผลการดำเนินการ/);
    expect(result).toHaveAttribute("aria-invalid", "true");
    expect(result).toHaveAccessibleDescription(/^กรุณากรอกช่องนี้/);
    expect(dialog.getByLabelText("เลขที่หนังสือ")).toHaveValue("กท 5101/1234");
    expect(dialog.getByLabelText("หมายเหตุภายใน")).toHaveValue("ประสานสำนักการโยธาแล้ว");
    expect(sent.some((request) => request.method === "POST")).toBe(false);

    // With a result the service is asked; its refusal of the field shows there too, and the text stays.
    await user.type(result, "ซ่อมผิวถนนเรียบร้อยแล้ว");
    await user.click(dialog.getByRole("button", { name: "บันทึก" }));
    await waitFor(() => expect(result).toHaveAccessibleDescription(/ข้อมูลไม่ถูกต้อง: result ยาวเกินไป/));
    expect(result).toHaveValue("ซ่อมผิวถนนเรียบร้อยแล้ว");
    const post = sent.find((request) => request.method === "POST");
    expect(post?.path).toBe(EVENTS);
    expect(post?.body).toEqual({
      type: "completed",
      agency: "D01-WORKS",
      result: "ซ่อมผิวถนนเรียบร้อยแล้ว",
      letter_no: "กท 5101/1234",
      text: "ประสานสำนักการโยธาแล้ว",
    });
  });

  it("shows a refusal (409) in the form, keeping the text", async () => {
    const user = userEvent.setup({ delay: null });
    serve(complaint());
    answer("POST", EVENTS, () =>
      apiError(409, {
        code: "complaint.assignment_completed",
        th: "หน่วยงานดำเนินการเรื่องนี้เสร็จสิ้นแล้ว",
        en: "The agency has already completed its part",
      }),
    );
    renderPage();
    await user.click(await screen.findByRole("button", { name: "รายงานความคืบหน้า" }));
    const dialog = within(await screen.findByRole("dialog"));
    await user.type(dialog.getByRole("textbox", { name: /^ความคืบหน้า/ }), "ผู้รับจ้างเข้าพื้นที่แล้ว");
    await user.click(dialog.getByRole("button", { name: "บันทึก" }));
    expect(await dialog.findByRole("alert")).toHaveTextContent("หน่วยงานดำเนินการเรื่องนี้เสร็จสิ้นแล้ว");
    expect(dialog.getByRole("textbox", { name: /^ความคืบหน้า/ })).toHaveValue("ผู้รับจ้างเข้าพื้นที่แล้ว");
  });

  it("renders each SLA checkpoint's state from scoring's answer", async () => {
    serve(complaint());
    renderPage();
    const panel = await screen.findByTestId("sla");
    await waitFor(() => expect(within(panel).getAllByTestId("sla-checkpoint")).toHaveLength(6));
    const checkpoints = within(panel).getAllByTestId("sla-checkpoint");
    expect(checkpoints.map((c) => [c.getAttribute("data-kind"), c.getAttribute("data-state")])).toEqual([
      ["acknowledgement", "met"],
      ["first_report", "missed"],
      ["checkpoint", "missed"],
      ["checkpoint", "met"],
      ["checkpoint", "due"],
      ["completion", "pending"],
    ]);
    const [ack, first, , , ahead, completion] = checkpoints as [HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(within(ack).getByText("ทันกำหนด")).toBeInTheDocument();
    expect(within(first).getByText("ไม่ทันกำหนด")).toBeInTheDocument();
    // Thirteen days ahead is more than three working days: the count comes from the calendar.
    expect(await within(ahead).findByText(/^ภายใน \d+ วันทำการ$/)).toBeInTheDocument();
    expect(within(completion).getByText("รอดำเนินการ")).toBeInTheDocument();
  });

  it("after an action, follows the SLA until scoring has taken the event in", async () => {
    const user = userEvent.setup({ delay: null });
    const before = sla();
    const after = sla();
    const firstAssignment = after.assignments[0];
    if (!firstAssignment) throw new Error("fixture");
    firstAssignment.checkpoints.last_working_day = firstAssignment.checkpoints.last_day = (firstAssignment.checkpoints.last_day ?? []).map((c) =>
      c.state === "due" ? { ...c, reported_at: iso(now), state: "met" as const } : c,
    );
    let slaAnswers = 0;
    let recorded = false;
    serve(complaint());
    answer("POST", EVENTS, () => {
      recorded = true;
      return json({ event: {}, complaint: {} }, 201);
    });
    answer("GET", SLA, () => {
      slaAnswers += 1;
      // Scoring lags: only a later poll has the event (nothing asks again but the poll).
      return json(recorded && slaAnswers > 1 ? after : before);
    });
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId("sla-checkpoint")).toHaveLength(6));
    await user.click(await screen.findByRole("button", { name: "รายงานความคืบหน้า" }));
    const dialog = within(await screen.findByRole("dialog"));
    await user.type(dialog.getByRole("textbox", { name: /^ความคืบหน้า/ }), "ซ่อมเสร็จแล้วร้อยละ 50");
    await user.click(dialog.getByRole("button", { name: "บันทึก" }));

    expect(await screen.findByText('บันทึก "รายงานความคืบหน้า" แล้ว')).toBeInTheDocument();
    expect(screen.getByText("กำลังปรับปรุงกำหนดเวลา…")).toBeInTheDocument();
    await waitFor(
      () =>
        expect(screen.getAllByTestId("sla-checkpoint").map((c) => c.getAttribute("data-state"))).toEqual([
          "met",
          "missed",
          "missed",
          "met",
          "met",
          "pending",
        ]),
      { timeout: 6000 },
    );
    expect(slaAnswers).toBeGreaterThanOrEqual(2);
  });

  it("lists the attachments by kind and shows an upload refusal next to the file", async () => {
    const user = userEvent.setup({ delay: null });
    const photo = {
      id: "a1",
      kind: "before",
      filename: "หลุมบนถนน.jpg",
      content_type: "image/jpeg",
      size_bytes: 120_000,
      sha256: "0".repeat(64),
      uploaded_by: "user:u-works",
      created_at: iso(now - 17 * DAY),
      download_url: "/v1/attachments/a1",
    };
    const letter = { ...photo, id: "a2", kind: "other", filename: "หนังสือตอบ.pdf", content_type: "application/pdf", download_url: "/v1/attachments/a2" };
    serve(complaint({ attachments: [photo, letter] }));
    answer("GET", "/api/intake/v1/attachments/a1", () => new Response(new Blob(["jpeg"]), { headers: { "Content-Type": "image/jpeg" } }));
    answer("POST", `${COMPLAINT}/attachments`, () =>
      apiError(415, {
        code: "attachment.unsupported_type",
        th: "รับเฉพาะไฟล์ภาพ (JPEG, PNG, WebP, GIF, HEIC) หรือ PDF",
        en: "Only images and PDF",
        fields: { file: "detected text/plain content" },
      }),
    );
    URL.createObjectURL = vi.fn(() => "blob:preview");
    URL.revokeObjectURL = vi.fn();
    renderPage();
    expect(await screen.findByTestId("attachments-before")).toHaveTextContent("ก่อนดำเนินการ (1)");
    expect(screen.getByTestId("attachments-other")).toHaveTextContent("หนังสือตอบ.pdf");
    expect(screen.getByRole("button", { name: "ดาวน์โหลด หนังสือตอบ.pdf" })).toBeInTheDocument();
    // The image is fetched with the session's token.
    await waitFor(() => expect(sentTo("GET", "/api/intake/v1/attachments/a1")[0]?.headers.get("Authorization")).toBe("Bearer test-token"));

    await user.selectOptions(screen.getByLabelText("ประเภทหลักฐาน"), "after");
    await user.upload(screen.getByLabelText("ไฟล์แนบ"), new File(["hello"], "notes.jpg", { type: "image/jpeg" }));
    await user.click(screen.getByRole("button", { name: "อัปโหลด" }));
    await waitFor(() => expect(screen.getByLabelText("ไฟล์แนบ")).toHaveAccessibleDescription(/รับเฉพาะไฟล์ภาพ/));
    const upload = sent.find((request) => request.method === "POST");
    expect(upload?.body).toBeInstanceOf(FormData);
    expect((upload?.body as FormData).get("kind")).toBe("after");
    expect(((upload?.body as FormData).get("file") as File).name).toBe("notes.jpg");
  });

  it("says clearly when the complaint does not exist", async () => {
    answerSession(OFFICER);
    answer("GET", COMPLAINT, () => apiError(404, { code: "complaint.not_found", th: "ไม่พบเรื่องร้องเรียน", en: "Complaint not found" }));
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("ไม่พบเรื่องร้องเรียนนี้");
  });
});
