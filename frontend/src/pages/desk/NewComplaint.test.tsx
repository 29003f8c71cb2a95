import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useParams } from "react-router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAP_CONFIG, answerReferenceData } from "../../test/fixtures";
import { findMap, pinTitles } from "../../test/map";
import { answer, apiError, json, offline, sentTo, type SentRequest } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import { LAST_CHANNEL_KEY } from "./draft";
import NewComplaint from "./NewComplaint";

const COMPLAINTS = "/api/intake/v1/complaints";

function ReceiptProbe() {
  const { id } = useParams();
  return <p>receipt of {id}</p>;
}

function renderForm() {
  return renderWithProviders(
    <Routes>
      <Route path="/desk/new" element={<NewComplaint />} />
      <Route path="/desk/receipt/:id" element={<ReceiptProbe />} />
    </Routes>,
    { route: "/desk/new" },
  );
}

function created(id: string, ticket: string) {
  return {
    id,
    ticket_no: ticket,
    status: "received",
    triage: "general",
    title: "t",
    category: "roads",
    channel: "walk_in",
    receiving_agency: "ORG",
    agencies: [],
    received_at: "2024-05-01T02:00:00Z",
    updated_at: "2024-05-01T02:00:00Z",
    imported: false,
    description: "d",
    complainant: { anonymous: false, redacted: false },
    location: {},
    public_url: "http://example.test/p/token",
  };
}

type User = ReturnType<typeof userEvent.setup>;

/** The input labelled so (a required field's label ends with " *"). */
function field(label: string): HTMLElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = screen.getAllByLabelText(new RegExp(`^${escaped}( \\*)?$`));
  const input = found.find((e) => e.tagName === "INPUT" || e.tagName === "TEXTAREA");
  if (!input) throw new Error(`no input labelled ${label}`);
  return input;
}

const button = (name: string) => screen.getByRole("button", { name, hidden: true });

/** Waits for the reference lists (the Selects' options are rendered once they arrive). */
async function formReady() {
  await screen.findAllByText("ยื่นด้วยตนเอง");
  await screen.findAllByText("ไฟฟ้าส่องสว่าง");
}

/** Picks an option the keyboard way: type part of its name, Enter. */
async function choose(user: User, label: string, typed: string, shown: string) {
  const input = field(label);
  await user.click(input);
  await user.paste(typed);
  await user.keyboard("{Enter}");
  await waitFor(() => expect(input).toHaveValue(shown));
}

async function fill(user: User, label: string, text: string) {
  await user.click(field(label));
  await user.paste(text);
}

/** Fills the required fields: channel, category, title, description. */
async function fillRequired(user: User, title = "ทางเท้าชำรุด หน้าตลาด") {
  await formReady();
  await choose(user, "ช่องทาง", "ยื่น", "ยื่นด้วยตนเอง");
  await choose(user, "ประเภทเรื่อง", "ถนน", "ถนน ทางเท้าชำรุด");
  await fill(user, "หัวเรื่อง", title);
  await fill(user, "รายละเอียด", "แผ่นปูนยกตัว");
}

const keysOf = (requests: SentRequest[]) => requests.map((r) => r.headers.get("Idempotency-Key"));

beforeEach(() => {
  answerReferenceData();
  answer("GET", `${COMPLAINTS}/duplicates`, () => json([]));
});

describe("NewComplaint", { timeout: 30_000 }, () => {
  it("preselects the channel last used at this desk", async () => {
    localStorage.setItem(LAST_CHANNEL_KEY, "phone");
    renderForm();
    await waitFor(() => expect(field("ช่องทาง")).toHaveValue("โทรศัพท์"));
  });

  it("remembers the channel of a saved complaint", async () => {
    answer("POST", COMPLAINTS, () => json(created("c-1", "ORG-2567-000001"), 201));
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    await user.click(button("บันทึกรับเรื่อง"));
    await screen.findByText("receipt of c-1");
    expect(localStorage.getItem(LAST_CHANNEL_KEY)).toBe("walk_in");
  });

  it("keeps what was typed and sends the same Idempotency-Key again after a network failure", async () => {
    let calls = 0;
    answer("POST", COMPLAINTS, () => {
      calls += 1;
      return calls < 3 ? offline() : json(created("c-2", "ORG-2567-000002"), 201);
    });
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    await fill(user, "ชื่อ-นามสกุล", "นางสาวทดสอบ ใจดี");

    await user.click(button("บันทึกรับเรื่อง"));
    expect(await screen.findByText(/ติดต่อเซิร์ฟเวอร์ไม่ได้/)).toBeInTheDocument();
    expect(field("หัวเรื่อง")).toHaveValue("ทางเท้าชำรุด หน้าตลาด");
    expect(field("ชื่อ-นามสกุล")).toHaveValue("นางสาวทดสอบ ใจดี");

    // Saving the same content again is the same request, whatever happened to the first one.
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(sentTo("POST", COMPLAINTS)).toHaveLength(2));
    expect(await screen.findByText(/ติดต่อเซิร์ฟเวอร์ไม่ได้/)).toBeInTheDocument();

    await user.click(button("บันทึกรับเรื่อง"));
    await screen.findByText("receipt of c-2");
    const posts = sentTo("POST", COMPLAINTS);
    expect(posts).toHaveLength(3);
    const keys = keysOf(posts);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(posts[2]!.body).toMatchObject({
      channel: "walk_in",
      category: "roads",
      title: "ทางเท้าชำรุด หน้าตลาด",
      description: "แผ่นปูนยกตัว",
      complainant: { anonymous: false, name: "นางสาวทดสอบ ใจดี" },
    });
  });

  it("uses a new Idempotency-Key when the content changes after an error", async () => {
    answer("POST", COMPLAINTS, offline);
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    await user.click(button("บันทึกรับเรื่อง"));
    await screen.findByText(/ติดต่อเซิร์ฟเวอร์ไม่ได้/);

    await fill(user, "หัวเรื่อง", " ซอย 5");
    await user.click(button("บันทึกรับเรื่อง"));
    await waitFor(() => expect(sentTo("POST", COMPLAINTS)).toHaveLength(2));
    const [first, second] = keysOf(sentTo("POST", COMPLAINTS));
    expect(second).not.toBe(first);
  });

  it("shows an API validation error next to its field, in Thai, and keeps the text", async () => {
    answer("POST", COMPLAINTS, () =>
      apiError(422, {
        code: "request.invalid",
        th: "ข้อมูลไม่ถูกต้อง",
        en: "Invalid request",
        fields: { "complainant.email": "Value error, not an e-mail address" },
        fieldsTh: { "complainant.email": "รูปแบบอีเมลไม่ถูกต้อง" },
      }),
    );
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    await fill(user, "อีเมล", "somchai-at-home");
    await user.click(button("บันทึกรับเรื่อง"));

    const email = field("อีเมล");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription(/รูปแบบอีเมลไม่ถูกต้อง/);
    expect(email).toHaveValue("somchai-at-home");
    expect(field("หัวเรื่อง")).not.toHaveAttribute("aria-invalid", "true");
    // The keyboard user is taken to the field to fix.
    expect(email).toHaveFocus();
  });

  it("says what is missing without sending anything", async () => {
    const user = userEvent.setup();
    renderForm();
    await fill(user, "หัวเรื่อง", "ไฟดับ");
    await user.click(button("บันทึกรับเรื่อง"));
    expect(field("ประเภทเรื่อง")).toHaveAccessibleDescription("กรุณากรอกช่องนี้");
    expect(field("รายละเอียด")).toHaveAccessibleDescription("กรุณากรอกช่องนี้");
    expect(sentTo("POST", COMPLAINTS)).toHaveLength(0);
  });

  it("shows likely duplicates after typing and attaches the new complaint to the chosen one", async () => {
    answer("GET", `${COMPLAINTS}/duplicates`, () =>
      json([
        {
          id: "existing-1",
          ticket_no: "ORG-2567-000123",
          title: "เสาไฟฟ้าส่องสว่างเอียง ใกล้ป้ายรถเมล์",
          status: "forwarded",
          received_at: "2024-04-30T03:00:00Z",
          similarity: 0.64,
          distance_m: 35.2,
        },
      ]),
    );
    answer("POST", COMPLAINTS, () => json(created("c-3", "ORG-2567-000124"), 201));
    answer("POST", `${COMPLAINTS}/c-3/events`, () => json({ event: {}, complaint: {} }, 201));
    const user = userEvent.setup();
    renderForm();
    const panel = screen.getByTestId("duplicates");
    await formReady();
    await choose(user, "ประเภทเรื่อง", "ไฟฟ้า", "ไฟฟ้าส่องสว่าง");
    expect(sentTo("GET", `${COMPLAINTS}/duplicates`)).toHaveLength(0);

    await user.type(field("หัวเรื่อง"), "เสาไฟฟ้าเอียง");
    expect(await within(panel).findByText("ORG-2567-000123", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(within(panel).getByText("เสาไฟฟ้าส่องสว่างเอียง ใกล้ป้ายรถเมล์")).toBeInTheDocument();
    expect(within(panel).getByText(/คล้าย 64%/)).toBeInTheDocument();
    expect(within(panel).getByText(/ห่าง 35 ม\./)).toBeInTheDocument();
    // Asked once the typing settled, not for every letter.
    const asked = sentTo("GET", `${COMPLAINTS}/duplicates`);
    expect(asked.length).toBeLessThanOrEqual(2);
    const query = asked.at(-1)!.query;
    expect(query.get("category")).toBe("street_lights");
    expect(query.get("text")).toBe("เสาไฟฟ้าเอียง");

    await choose(user, "ช่องทาง", "โทร", "โทรศัพท์");
    await fill(user, "รายละเอียด", "เสาเอียงเกือบล้ม");
    await user.click(within(panel).getByRole("button", { name: "บันทึกเป็นเรื่องซ้ำของ ORG-2567-000123", hidden: true }));

    await screen.findByText("receipt of c-3");
    const [event] = sentTo("POST", `${COMPLAINTS}/c-3/events`);
    expect(event!.body).toEqual({ type: "duplicate_of", duplicate_of: "existing-1" });
    expect(event!.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("keeps the saved complaint when marking it as a duplicate fails, and retries only the marking", async () => {
    answer("GET", `${COMPLAINTS}/duplicates`, () =>
      json([{ id: "existing-2", ticket_no: "ORG-2567-000200", title: "ถนนเป็นหลุม", status: "received", received_at: "2024-04-30T03:00:00Z", similarity: 0.9 }]),
    );
    answer("POST", COMPLAINTS, () => json(created("c-4", "ORG-2567-000201"), 201));
    let eventCalls = 0;
    answer("POST", `${COMPLAINTS}/c-4/events`, () => {
      eventCalls += 1;
      return eventCalls === 1 ? offline() : json({ event: {}, complaint: {} }, 201);
    });
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user, "ถนนเป็นหลุม");
    await user.click(await screen.findByRole("button", { name: "บันทึกเป็นเรื่องซ้ำของ ORG-2567-000200", hidden: true }));

    expect(await screen.findByText(/บันทึกเรื่องแล้ว เลขที่ ORG-2567-000201/)).toBeInTheDocument();
    await user.click(button("ลองแนบกับเรื่อง ORG-2567-000200 อีกครั้ง"));
    await screen.findByText("receipt of c-4");
    expect(sentTo("POST", COMPLAINTS)).toHaveLength(1);
    const events = sentTo("POST", `${COMPLAINTS}/c-4/events`);
    expect(events).toHaveLength(2);
    expect(events[1]!.headers.get("Idempotency-Key")).toBe(events[0]!.headers.get("Idempotency-Key"));
  });

  it("hides the contact fields of an anonymous complainant and sends none", async () => {
    answer("POST", COMPLAINTS, () => json(created("c-5", "ORG-2567-000300"), 201));
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    await fill(user, "ชื่อ-นามสกุล", "ชื่อที่พิมพ์ไว้");
    await user.click(field("ไม่ประสงค์ออกนาม"));
    expect(screen.queryByLabelText(/^ชื่อ-นามสกุล/)).not.toBeInTheDocument();
    await user.click(button("บันทึกรับเรื่อง"));
    await screen.findByText("receipt of c-5");
    const body = sentTo("POST", COMPLAINTS)[0]!.body as { complainant: unknown };
    expect(body.complainant).toEqual({ anonymous: true });
  });
});

describe("NewComplaint: the place", { timeout: 30_000 }, () => {
  const lat = () => field("ละติจูด");
  const long = () => field("ลองจิจูด");
  const theMap = () => findMap("แผนที่สถานที่เกิดเหตุ");

  afterEach(() => {
    Reflect.deleteProperty(navigator, "geolocation");
  });

  it("takes the coordinates from a click on the map and sends them", async () => {
    // The whole world at zoom 1 is 512 px wide; jsdom's map has no size, so its centre is at (0, 0).
    answer("GET", "/api/intake/v1/client-config", { map: { ...MAP_CONFIG, center: { lat: 0, long: 0 }, zoom: 1 } });
    answer("POST", COMPLAINTS, () => json(created("c-6", "ORG-2567-000301"), 201));
    const user = userEvent.setup();
    renderForm();
    await fillRequired(user);
    fireEvent.click(await theMap(), { clientX: 128, clientY: 128 });
    expect(lat()).toHaveValue("-66.513260");
    expect(long()).toHaveValue("90.000000");
    expect(pinTitles()).toEqual(["หมุดที่ -66.513260, 90.000000"]);
    await user.click(button("บันทึกรับเรื่อง"));
    await screen.findByText("receipt of c-6");
    const body = sentTo("POST", COMPLAINTS)[0]!.body as { location: unknown };
    expect(body.location).toEqual({ lat: -66.51326, long: 90 });
  });

  it("moves the pin to typed coordinates and to the device's location, and clears it", async () => {
    Object.defineProperty(navigator, "geolocation", {
      configurable: true,
      value: {
        getCurrentPosition: (found: PositionCallback) =>
          found({ coords: { latitude: 13.7465, longitude: 100.5347 } } as GeolocationPosition),
      },
    });
    const user = userEvent.setup();
    renderForm();
    const map = await theMap();
    expect(button("ล้างหมุด")).toBeDisabled();
    await fill(user, "ละติจูด", "13.7525");
    await fill(user, "ลองจิจูด", "100.4942");
    await waitFor(() => expect(pinTitles()).toEqual(["หมุดที่ 13.752500, 100.494200"]));
    // The map went to it, at zoom 16: the tile the pin is on was asked for.
    expect(map.querySelector('img[src="http://tiles.test/16/51062/30240.png"]')).not.toBeNull();

    await user.click(button("ใช้ตำแหน่งปัจจุบัน"));
    expect(lat()).toHaveValue("13.746500");
    expect(long()).toHaveValue("100.534700");
    await waitFor(() => expect(pinTitles()).toEqual(["หมุดที่ 13.746500, 100.534700"]));

    await user.click(button("ล้างหมุด"));
    expect(lat()).toHaveValue("");
    expect(long()).toHaveValue("");
    await waitFor(() => expect(pinTitles()).toEqual([]));
    expect(button("ล้างหมุด")).toBeDisabled();
  });

  it("keeps only the coordinates, with a note, when the system has no map", async () => {
    answer("GET", "/api/intake/v1/client-config", { map: { ...MAP_CONFIG, tile_url: "" } });
    renderForm();
    expect(await screen.findByText(/ระบบนี้ไม่ได้ตั้งค่าแผนที่ไว้/)).toBeInTheDocument();
    expect(screen.queryByRole("application")).not.toBeInTheDocument();
    expect(lat()).toBeInTheDocument();
    expect(long()).toBeInTheDocument();
  });
});
