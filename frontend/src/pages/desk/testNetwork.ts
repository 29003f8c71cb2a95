/** A fake network for the tests of these screens: import it before anything that imports the API client.
 * (It also gives jsdom the `document.fonts` Mantine's Textarea needs.)
 *
 * The typed clients (openapi-fetch) take `fetch` and `Request` from the globals when they are created
 * and build `new Request("/api/...")`, which Node's Request refuses (no base URL). So this module
 * replaces both first: relative URLs resolve against the page, and `fetch` answers from the routes a
 * test registers. */
import { vi } from "vitest";

type Handler = (request: Request) => Response | Promise<Response>;

interface FakeRoute {
  method: string;
  path: string;
  handler: Handler;
}

const NodeRequest = globalThis.Request;
class PageRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, window.location.origin) : input, init);
  }
}
globalThis.Request = PageRequest as typeof Request;

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens to it.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}

let routes: FakeRoute[] = [];
/** Every request sent, in order (bodies still readable). */
export const sent: Request[] = [];

vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = input instanceof Request ? input : new Request(input, init);
  sent.push(request.clone());
  const path = new URL(request.url).pathname;
  // The latest registration wins, so a test can change an answer half-way.
  const route = [...routes].reverse().find((r) => r.method === request.method && r.path === path);
  if (!route) throw new TypeError(`no fake answer for ${request.method} ${path}`);
  return route.handler(request);
});

/** Answer `method path` (the path as the browser sends it, e.g. `/api/intake/v1/channels`). */
export function answer(method: string, path: string, handler: Handler): void {
  routes.push({ method, path, handler });
}

export function resetNetwork(): void {
  routes = [];
  sent.length = 0;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** What `fetch` does when the connection fails. */
export function offline(): never {
  throw new TypeError("Failed to fetch");
}

export function sentTo(method: string, path: string): Request[] {
  return sent.filter((r) => r.method === method && new URL(r.url).pathname === path);
}

const entry = (code: string, name_th: string, name_en: string, sort_order = 0) => ({
  id: `id-${code}`,
  code,
  name_th,
  name_en,
  active: true,
  sort_order,
});

/** The reference lists every form needs, as the intake service gives them. */
export function answerReferenceData(): void {
  answer("GET", "/api/intake/v1/channels", () =>
    json([entry("walk_in", "ยื่นด้วยตนเอง", "Walk-in", 0), entry("phone", "โทรศัพท์", "Phone", 1), entry("letter", "หนังสือ", "Letter", 2)]),
  );
  answer("GET", "/api/intake/v1/categories", () =>
    json([entry("roads", "ถนน ทางเท้าชำรุด", "Roads", 0), entry("street_lights", "ไฟฟ้าส่องสว่าง", "Street lights", 1)]),
  );
  answer("GET", "/api/intake/v1/complainant-groups", () => json([entry("public", "ประชาชนทั่วไป", "General public", 0)]));
  answer("GET", "/api/intake/v1/agencies", () =>
    json([
      { id: "a0", code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok", parent: null, level: 0, active: true },
      { id: "a1", code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office", parent: "ORG", level: 1, active: true },
    ]),
  );
}
