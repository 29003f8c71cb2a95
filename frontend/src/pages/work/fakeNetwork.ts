/** A fake network for the tests of these screens, installed when this module is first evaluated.
 *
 * It must be in place before anything imports `api/client`: openapi-fetch keeps the `fetch` and
 * `Request` it finds when the clients are created. Node's `Request` also refuses the relative URLs
 * the app uses (`/api/intake/…`), so relative ones are read against the page's origin, as a browser
 * does. */
import { vi } from "vitest";

export interface Call {
  method: string;
  /** Path and query, e.g. `/api/scoring/v1/due?within=3`. */
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

let handler: Handler = (call) => {
  throw new Error(`No fake answer for ${call.method} ${call.path}`);
};
export const calls: Call[] = [];

const NodeRequest = globalThis.Request;
class PageRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" && input.startsWith("/") ? new URL(input, window.location.origin) : input, init);
  }
}
vi.stubGlobal("Request", PageRequest);
vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new PageRequest(input, init);
  const url = new URL(request.url);
  const type = request.headers.get("Content-Type") ?? "";
  let body: unknown;
  if (type.includes("application/json")) body = await request.json();
  else if (request.method !== "GET" && request.method !== "HEAD") body = init?.body;
  const call = { method: request.method, path: url.pathname + url.search, url, headers: request.headers, body };
  calls.push(call);
  return handler(call);
});

/** Answer every request with `next` (the previous answers are forgotten). */
export function answer(next: Handler): void {
  handler = next;
  calls.length = 0;
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const apiError = (status: number, code: string, th: string, en: string, fields: Record<string, string> = {}) =>
  json({ error: { code, message_th: th, message_en: en, fields } }, status);
