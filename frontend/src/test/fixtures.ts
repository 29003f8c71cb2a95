/** What the services answer for the demo city in the tests: its agencies, reference lists, users and
 * working-day calendar, and the answers every signed-in screen needs. */
import type { Agency, Entry, MapConfig, Me, ScoringSchemas } from "../api/types";
import { answer, json } from "./network";

const agency = (code: string, name_th: string, name_en: string, parent: string | null, level: number, active = true): Agency => ({
  id: `00000000-0000-7000-8000-${code.padEnd(12, "0").slice(0, 12).replace(/[^0-9a-f]/gi, "0")}`,
  code,
  name_th,
  name_en,
  parent,
  level,
  active,
});

/** Parents before children, as `GET /v1/agencies` answers. */
export const AGENCIES: Agency[] = [
  agency("ORG", "กรุงเทพมหานคร", "Bangkok", null, 0),
  agency("C-PWD", "สำนักการโยธา", "Public Works Department", "ORG", 1),
  agency("D01", "สำนักงานเขตพระนคร", "Phra Nakhon District Office", "ORG", 1),
  agency("D01-WORKS", "ฝ่ายโยธา สำนักงานเขตพระนคร", "Public Works Section, Phra Nakhon", "D01", 2),
  agency("D01-CLEAN", "ฝ่ายรักษาความสะอาด สำนักงานเขตพระนคร", "Cleansing Section, Phra Nakhon", "D01", 2),
  agency("D02", "สำนักงานเขตดุสิต", "Dusit District Office", "ORG", 1),
  agency("D02-WORKS", "ฝ่ายโยธา สำนักงานเขตดุสิต", "Public Works Section, Dusit", "D02", 2, false),
];

/** An entry of a reference list (channels, categories, complainant groups). */
export const entry = (code: string, name_th: string, name_en: string, sort_order: number, active = true): Entry => ({
  id: `id-${code}`,
  code,
  name_th,
  name_en,
  sort_order,
  active,
});

export const CHANNELS: Entry[] = [
  entry("walk_in", "ยื่นด้วยตนเอง", "Walk-in", 0),
  entry("phone", "โทรศัพท์", "Phone", 1),
  entry("letter", "หนังสือ", "Letter", 2),
  entry("call_center", "สายด่วน", "Call center", 3),
];

export const CATEGORIES: Entry[] = [entry("roads", "ถนน ทางเท้าชำรุด", "Roads", 0), entry("street_lights", "ไฟฟ้าส่องสว่าง", "Street lights", 1)];

export const GROUPS: Entry[] = [entry("public", "ประชาชนทั่วไป", "General public", 0)];

const ORG = { code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok" };
const D01 = { code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office" };

const user = (id: string, username: string, display_name: string, role: Me["role"], agency: Me["agency"], last_login_at: string | null = null): Me => ({
  id,
  username,
  display_name,
  role,
  agency,
  active: true,
  last_login_at,
});

export const ADMIN = user("01a1fee9-c839-70d4-81b1-cf1859a4c10e", "admin", "ผู้ดูแลระบบ (Administrator)", "administrator", ORG, "2026-11-21T17:40:56Z");
export const SUPERVISOR = user("01a1feea-2ded-70c5-9226-000000000001", "supervisor", "ผู้บังคับบัญชา", "supervisor", ORG);
export const AUDITOR = user("01a1feea-2ded-70c5-9226-000000000002", "auditor", "ผู้ตรวจสอบ", "auditor", ORG);
export const OFFICER = user("01a1feea-2dea-70ed-bc61-8d9d05503038", "officer.d01", "เจ้าหน้าที่สำนักงานเขตพระนคร", "agency_officer", D01);

type Day = ScoringSchemas["DayOut"];

/** Scoring's calendar from `from` to `to` (ISO days): Monday to Friday are working days and the
 * others not, but for the `special` days. */
export function calendarDays(from: string, to: string, special: Record<string, Partial<Day>> = {}): Day[] {
  const days: Day[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    days.push({ date, working: !weekend, kind: weekend ? "weekend" : "weekday", name: null, reference: null, ...special[date] });
  }
  return days;
}

/** The map settings (intake's client config): tiles from a host that does not exist (jsdom loads no images). */
export const MAP_CONFIG: MapConfig = {
  tile_url: "http://tiles.test/{z}/{x}/{y}.png",
  attribution: "© OpenStreetMap contributors",
  max_zoom: 19,
  center: { lat: 13.7563, long: 100.5018 },
  zoom: 11,
};

/** The reference lists and the settings every form needs, as the intake service gives them. */
export function answerReferenceData(): void {
  answer("GET", "/api/intake/v1/client-config", { map: MAP_CONFIG });
  answer("GET", "/api/intake/v1/agencies", AGENCIES);
  answer("GET", "/api/intake/v1/channels", CHANNELS);
  answer("GET", "/api/intake/v1/categories", CATEGORIES);
  answer("GET", "/api/intake/v1/complainant-groups", GROUPS);
}

/** What every signed-in screen needs: who `user` is, the reference lists and the calendar. */
export function answerSession(user: Me): void {
  answer("GET", "/api/intake/v1/me", user);
  answerReferenceData();
  answer("GET", "/api/scoring/v1/calendar", (request) =>
    json(calendarDays(request.query.get("from") ?? "", request.query.get("to") ?? "")),
  );
}
