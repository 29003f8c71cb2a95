import { parseDate, showDate } from "./dateText";

describe("parseDate", () => {
  it.each([
    ["21/11/2569", "2026-11-21"],
    ["21/11/2026", "2026-11-21"],
    ["2026-11-21", "2026-11-21"],
    ["2569-11-21", "2026-11-21"],
    ["1.2.2569", "2026-02-01"],
    [" 21-11-2569 ", "2026-11-21"],
    ["๒๑/๑๑/๒๕๖๙", "2026-11-21"],
    ["21 พ.ย. 2569", "2026-11-21"],
    ["21 พฤศจิกายน 2569", "2026-11-21"],
    ["21 Nov 2026", "2026-11-21"],
    ["21 november 2026", "2026-11-21"],
    ["29/02/2567", "2024-02-29"],
    ["21 Nov 2569 BE", "2026-11-21"],
    ["21 September 2569 B.E.", "2026-09-21"],
    ["21 พ.ย. พ.ศ. 2569", "2026-11-21"],
  ])("reads %s as %s", (text, day) => {
    expect(parseDate(text, false)).toBe(day);
  });

  it.each(["", "21/11", "21/11/69", "31/02/2569", "29/02/2568", "0/11/2569", "21/13/2569", "21 Nox 2026", "พรุ่งนี้", "2026-11-21 14:05"])(
    "finds no day in %j",
    (text) => {
      expect(parseDate(text, false)).toBeNull();
    },
  );

  it("reads a moment's time, 00:00 when none is typed", () => {
    expect(parseDate("21/11/2569 14:05", true)).toBe("2026-11-21T14:05");
    expect(parseDate("21 พ.ย. 2569 9.30 น.", true)).toBe("2026-11-21T09:30");
    expect(parseDate("2026-11-21T14:05", true)).toBe("2026-11-21T14:05");
    expect(parseDate("21/11/2569", true)).toBe("2026-11-21T00:00");
    expect(parseDate("21/11/2569 24:00", true)).toBeNull();
  });
});

describe("showDate", () => {
  it("shows the Buddhist era in both languages, as the rest of the app does, and reads back what it shows", () => {
    expect(showDate("2026-11-21", false, "th")).toBe("21 พ.ย. 2569");
    expect(showDate("2026-11-21", false, "en")).toBe("21 Nov 2569 BE");
    expect(showDate("2026-09-01", false, "en")).toBe("1 Sep 2569 BE");
    expect(showDate("2026-11-21T14:05", true, "th")).toBe("21 พ.ย. 2569 14:05");
    for (const language of ["th", "en"] as const) {
      expect(parseDate(showDate("2026-11-21T14:05", true, language), true)).toBe("2026-11-21T14:05");
    }
  });
});
