/** Test support for the worklist and complaint screens: a fake network and a signed-in user. */
// First: the fake network must exist before api/client creates its clients.
import { answer, apiError, calls, json, type Call } from "./fakeNetwork";
import type { ReactElement } from "react";
import { setToken } from "../../api/client";
import type { Me } from "../../api/types";
import { AuthProvider, useAuth } from "../../auth/AuthContext";
import { renderWithProviders } from "../../test/render";

export { answer, apiError, calls, json, type Call };

export const officer: Me = {
  id: "0194f000-0000-7000-8000-000000000001",
  username: "officer.d01",
  display_name: "สมชาย ใจดี",
  role: "agency_officer",
  agency: { code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office" },
  active: true,
};

export const agencies = [
  { id: "a0", code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok", parent: null, level: 0, active: true },
  { id: "a1", code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office", parent: "ORG", level: 1, active: true },
  { id: "a2", code: "D01-WORKS", name_th: "ฝ่ายโยธา สำนักงานเขตพระนคร", name_en: "Public Works Section, Phra Nakhon", parent: "D01", level: 2, active: true },
  { id: "a3", code: "D01-CLEAN", name_th: "ฝ่ายรักษาความสะอาด สำนักงานเขตพระนคร", name_en: "Cleansing Section, Phra Nakhon", parent: "D01", level: 2, active: true },
  { id: "a4", code: "D02", name_th: "สำนักงานเขตดุสิต", name_en: "Dusit District Office", parent: "ORG", level: 1, active: true },
];

export const categories = [
  { id: "c1", code: "roads", name_th: "ถนนชำรุด", name_en: "Damaged roads", active: true, sort_order: 1 },
  { id: "c2", code: "trees", name_th: "ต้นไม้", name_en: "Trees", active: true, sort_order: 2 },
];

export const channels = [
  { id: "h1", code: "walk_in", name_th: "ติดต่อด้วยตนเอง", name_en: "Walk-in", active: true, sort_order: 1 },
  { id: "h2", code: "call_center", name_th: "สายด่วน", name_en: "Call center", active: true, sort_order: 2 },
];

/** The answers every signed-in screen needs (who I am, reference lists); undefined for other paths. */
export function session(call: Call, user: Me = officer): Response | undefined {
  switch (call.url.pathname) {
    case "/api/intake/v1/me":
      return json(user);
    case "/api/intake/v1/agencies":
      return json(agencies);
    case "/api/intake/v1/categories":
      return json(categories);
    case "/api/intake/v1/channels":
      return json(channels);
    case "/api/intake/v1/complainant-groups":
      return json([]);
    case "/api/scoring/v1/calendar":
      return json(calendarDays(call.url.searchParams.get("from") ?? "", call.url.searchParams.get("to") ?? ""));
    default:
      return undefined;
  }
}

/** Monday to Friday are working days, every other day is not. */
export function calendarDays(from: string, to: string) {
  const days = [];
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    const working = weekday !== 0 && weekday !== 6;
    days.push({ date: day.toISOString().slice(0, 10), working, kind: working ? "weekday" : "weekend", name: null, reference: null });
  }
  return days;
}

function SignedIn({ children }: { children: ReactElement }) {
  const { user } = useAuth();
  return user ? children : null;
}

/** Render a screen signed in (the user comes from the fake `/v1/me`). */
export function renderSignedIn(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  setToken("test-token");
  return renderWithProviders(
    <AuthProvider>
      <SignedIn>{ui}</SignedIn>
    </AuthProvider>,
    { route },
  );
}
