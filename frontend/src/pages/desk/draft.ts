/** The new-complaint form's content, and the request made of it. */
import type { IntakeSchemas } from "../../api/types";
import { bangkokInstant } from "../../format";

export type Triage = IntakeSchemas["Triage"];
export type ComplaintCreate = IntakeSchemas["ComplaintCreate"];

export interface Draft {
  channel: string | null;
  category: string | null;
  title: string;
  description: string;
  triage: Triage;
  agency: string | null;
  /** The value of a DateInput `withTime` ("2024-05-01T09:30"), a Bangkok time. */
  occurredAt: string;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  group: string | null;
  address: string;
  lat: string;
  long: string;
}

/** The channel of the last complaint saved at this desk, offered again for the next one. */
export const LAST_CHANNEL_KEY = "rongtook.desk.lastChannel";

export function emptyDraft(): Draft {
  return {
    channel: localStorage.getItem(LAST_CHANNEL_KEY),
    category: null,
    title: "",
    description: "",
    triage: "general",
    agency: null,
    occurredAt: "",
    anonymous: false,
    name: "",
    phone: "",
    email: "",
    group: null,
    address: "",
    lat: "",
    long: "",
  };
}

/** A problem found before sending: field path (as the API names it) → i18n key of the message. */
export type Problems = Record<string, string>;

export function parseCoordinate(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** The coordinates when both are given as numbers, for the duplicate search. */
export function coordinates(draft: Pick<Draft, "lat" | "long">): { lat: number; long: number } | null {
  const lat = parseCoordinate(draft.lat);
  const long = parseCoordinate(draft.long);
  return typeof lat === "number" && typeof long === "number" ? { lat, long } : null;
}

/** The request body, or what must be fixed first. Empty optional fields are left out. */
export function toRequest(draft: Draft): { body: ComplaintCreate | null; problems: Problems } {
  const problems: Problems = {};
  if (!draft.channel) problems.channel = "new.required";
  if (!draft.category) problems.category = "new.required";
  if (!draft.title.trim()) problems.title = "new.required";
  if (!draft.description.trim()) problems.description = "new.required";
  const lat = parseCoordinate(draft.lat);
  const long = parseCoordinate(draft.long);
  if (lat === undefined) problems["location.lat"] = "new.notNumber";
  if (long === undefined) problems["location.long"] = "new.notNumber";
  if (lat === null && typeof long === "number") problems["location.lat"] = "new.bothCoordinates";
  if (long === null && typeof lat === "number") problems["location.long"] = "new.bothCoordinates";
  if (Object.keys(problems).length > 0 || !draft.channel || !draft.category) return { body: null, problems };

  const body: ComplaintCreate = {
    channel: draft.channel,
    category: draft.category,
    title: draft.title.trim(),
    description: draft.description.trim(),
    triage: draft.triage,
  };
  if (draft.agency) body.agency = draft.agency;
  // The desk types the time as it reads it off a letter: Bangkok time.
  if (draft.occurredAt) body.occurred_at = bangkokInstant(draft.occurredAt);

  const contact = draft.anonymous
    ? {}
    : { name: draft.name.trim() || undefined, phone: draft.phone.trim() || undefined, email: draft.email.trim() || undefined };
  if (draft.anonymous || contact.name || contact.phone || contact.email || draft.group) {
    body.complainant = { anonymous: draft.anonymous, ...contact, ...(draft.group ? { group: draft.group } : {}) };
  }
  const address = draft.address.trim();
  if (address || typeof lat === "number") {
    body.location = {
      ...(address ? { address } : {}),
      ...(typeof lat === "number" && typeof long === "number" ? { lat, long } : {}),
    };
  }
  return { body, problems };
}

/** A random UUID (v4). `crypto.randomUUID` exists only on https or localhost; the desk may be on plain http. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
