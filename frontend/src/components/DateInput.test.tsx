import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { usePrefs } from "../prefs";
import { renderWithProviders } from "../test/render";
import { DateInput } from "./DateInput";

/** A field as a screen holds it: its value in state, each change also told to `seen`. */
function Field({ initial = "", seen, ...props }: { initial?: string; seen: (value: string) => void; withTime?: boolean; clearable?: boolean; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <DateInput
      label="วันที่"
      value={value}
      onChange={(next) => {
        setValue(next);
        seen(next);
      }}
      {...props}
    />
  );
}

const field = () => screen.getByRole("textbox", { name: "วันที่" });
const lastSeen = (seen: ReturnType<typeof vi.fn>) => seen.mock.calls.at(-1)?.[0];

// jsdom lays nothing out, so Mantine hides the calendar as if its field were off screen: its buttons
// are found among the hidden ones.
// A calendar is many buttons: finding one among them takes seconds on a busy machine.
describe("DateInput", { timeout: 30_000 }, () => {
  it("shows the day in the Buddhist era, and its calendar's month, year and decade too", async () => {
    const user = userEvent.setup({ delay: null });
    const seen = vi.fn();
    renderWithProviders(<Field initial="2026-11-21" seen={seen} />);
    expect(field()).toHaveValue("21 พ.ย. 2569");

    await user.click(field());
    expect(await screen.findByRole("button", { name: "พฤศจิกายน 2569", hidden: true })).toBeInTheDocument();
    expect(screen.getByText("อา.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "24 พ.ย. 2569", hidden: true }));
    expect(lastSeen(seen)).toBe("2026-11-24");
    expect(field()).toHaveValue("24 พ.ย. 2569");

    await user.click(field());
    await user.click(await screen.findByRole("button", { name: "พฤศจิกายน 2569", hidden: true }));
    await user.click(await screen.findByRole("button", { name: "2569", hidden: true }));
    // Mantine's decades are Western ones (2020–2029), named in the Buddhist era.
    expect(await screen.findByText("2563 – 2572")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "2569", hidden: true })).toBeInTheDocument();
  });

  it.each([
    ["21/11/2569", "2026-11-21"],
    ["21/11/2026", "2026-11-21"],
    ["2026-11-21", "2026-11-21"],
  ])("takes %s typed and shows it in the Buddhist era once left", async (typed, day) => {
    const user = userEvent.setup({ delay: null });
    const seen = vi.fn();
    renderWithProviders(<Field seen={seen} />);
    await user.type(field(), typed);
    expect(lastSeen(seen)).toBe(day);
    await user.tab();
    expect(field()).toHaveValue("21 พ.ย. 2569");
  });

  it("is in the Buddhist era in English too, marked BE, as every date in the app", async () => {
    localStorage.setItem("rongtook.prefs", JSON.stringify({ language: "en", thaiDigits: false }));
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Field initial="2026-11-21" seen={vi.fn()} />);
    expect(field()).toHaveValue("21 Nov 2569 BE");
    await user.click(field());
    expect(await screen.findByRole("button", { name: "November 2569 BE", hidden: true })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next month", hidden: true })).toBeInTheDocument();
  });

  it("follows the Thai-digits setting as soon as it is switched", async () => {
    function Switch() {
      const { thaiDigits, update } = usePrefs();
      return <button onClick={() => update({ thaiDigits: !thaiDigits })}>เลขไทย</button>;
    }
    const user = userEvent.setup({ delay: null });
    renderWithProviders(
      <>
        <Switch />
        <Field initial="2026-11-21" seen={vi.fn()} />
      </>,
    );
    expect(field()).toHaveValue("21 พ.ย. 2569");
    await user.click(screen.getByRole("button", { name: "เลขไทย" }));
    expect(field()).toHaveValue("๒๑ พ.ย. ๒๕๖๙");
  });

  it("shows Thai digits when the user asked for them", () => {
    localStorage.setItem("rongtook.prefs", JSON.stringify({ language: "th", thaiDigits: true }));
    renderWithProviders(<Field initial="2026-11-21" seen={vi.fn()} />);
    expect(field()).toHaveValue("๒๑ พ.ย. ๒๕๖๙");
  });

  it("says a typed text is no date once left, keeps it, and holds no value meanwhile", async () => {
    const user = userEvent.setup({ delay: null });
    const seen = vi.fn();
    renderWithProviders(<Field initial="2026-11-21" seen={seen} />);
    await user.clear(field());
    await user.type(field(), "31/02/2569");
    expect(screen.queryByText(/ไม่ใช่วันที่/)).toBeNull(); // not while typing
    await user.tab();
    expect(field()).toHaveAccessibleDescription("ไม่ใช่วันที่ พิมพ์เช่น 21/11/2569");
    expect(field()).toHaveValue("31/02/2569");
    expect(lastSeen(seen)).toBe("");

    await user.clear(field());
    await user.type(field(), "28/02/2569");
    await user.tab();
    expect(lastSeen(seen)).toBe("2026-02-28");
    expect(field()).not.toHaveAccessibleDescription();
  });

  it("is emptied by deleting its text or by its clear button", async () => {
    const user = userEvent.setup({ delay: null });
    const seen = vi.fn();
    renderWithProviders(<Field initial="2026-11-21" seen={seen} />);
    await user.clear(field());
    await user.tab();
    expect(lastSeen(seen)).toBe("");
    expect(field()).toHaveValue("");

    renderWithProviders(<Field initial="2026-11-21" seen={seen} clearable />);
    await user.click(screen.getByRole("button", { name: "ล้างวันที่", hidden: true }));
    expect(lastSeen(seen)).toBe("");
  });

  it("takes a moment typed, and a day picked keeps its time", async () => {
    const user = userEvent.setup({ delay: null });
    const seen = vi.fn();
    renderWithProviders(<Field withTime seen={seen} />);
    await user.type(field(), "21/11/2569 14:05");
    expect(lastSeen(seen)).toBe("2026-11-21T14:05");
    await user.click(await screen.findByRole("button", { name: "24 พ.ย. 2569", hidden: true }));
    expect(lastSeen(seen)).toBe("2026-11-24T14:05");
    expect(field()).toHaveValue("24 พ.ย. 2569 14:05");
  });

  it("leaves a value that is no date out of the field, with the error it was given", () => {
    renderWithProviders(<Field initial="2567-13-01" error="รูปแบบวันที่ไม่ถูกต้อง" seen={vi.fn()} />);
    expect(field()).toHaveValue("");
    expect(field()).toHaveAccessibleDescription("รูปแบบวันที่ไม่ถูกต้อง");
  });
});
