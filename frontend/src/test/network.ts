/** The fake network of every Vitest test (setup.ts puts `fakeFetch` in place of `fetch` and resets
 * it after each test). A test registers answers per method and path, and reads back what was sent:
 *
 *     answer("GET", "/api/intake/v1/channels", [...]);           // data: sent as JSON, 200
 *     answer("POST", "/api/intake/v1/complaints", (request) => apiError(422, {...}));
 *     expect(sentTo("POST", "/api/intake/v1/complaints")[0]?.body).toEqual({...});
 *
 * A request nothing answers gets a 404 in the services' error envelope. */

export interface SentRequest {
  method: string;
  /** Without the query, e.g. `/api/intake/v1/users`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** A JSON body parsed, a form (an upload) as the page built it, other text as it is; else undefined. */
  body: unknown;
}

export type Reply = (request: SentRequest) => Response | Promise<Response>;
/** A function of the request giving the response, or data to answer with as JSON (200). */
export type Answer = Reply | object | string | number | boolean | null;

interface Route {
  method: string;
  path: string;
  reply: Reply;
}

let routes: Route[] = [];
/** Every request sent since the test began, in order. */
export const sent: SentRequest[] = [];

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A response in the services' error envelope (`fieldsTh`: the Thai explanations a validation error gives). */
export function apiError(
  status: number,
  error: {
    code: string;
    th: string;
    en: string;
    fields?: Record<string, string>;
    fieldsTh?: Record<string, string>;
    /** More members of the envelope, e.g. `audit_id`. */
    extra?: Record<string, unknown>;
  },
): Response {
  const { code, th, en, fields = {}, fieldsTh, extra = {} } = error;
  return json({ error: { code, message_th: th, message_en: en, fields, ...(fieldsTh ? { fields_th: fieldsTh } : {}), ...extra } }, status);
}

/** A reply that fails as `fetch` does when the connection fails. */
export function offline(): never {
  throw new TypeError("Failed to fetch");
}

/** Answer `method path` (the path as the browser sends it, e.g. `/api/intake/v1/channels`). The latest
 * answer registered for a route wins, so a test can change an answer half-way. */
export function answer(method: string, path: string, reply: Answer): void {
  routes.push({ method, path, reply: typeof reply === "function" ? (reply as Reply) : () => json(reply) });
}

/** Several answers at once, keyed `"METHOD /path"`. */
export function answerAll(answers: Record<string, Answer>): void {
  for (const [route, reply] of Object.entries(answers)) {
    const [method = "", path = ""] = route.split(" ");
    answer(method, path, reply);
  }
}

export function sentTo(method: string, path: string): SentRequest[] {
  return sent.filter((r) => r.method === method && r.path === path);
}

export function resetNetwork(): void {
  routes = [];
  sent.length = 0;
}

async function bodyOf(request: Request, init: RequestInit | undefined): Promise<unknown> {
  if (init?.body instanceof FormData) return init.body;
  const text = await request.text();
  if (text === "") return undefined;
  return (request.headers.get("Content-Type") ?? "").includes("json") ? JSON.parse(text) : text;
}

/** Stands in for `fetch`: the typed clients send a Request, raw calls a path relative to the page. */
export async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.href), init);
  const url = new URL(request.url);
  const sentRequest: SentRequest = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body: await bodyOf(request.clone(), input instanceof Request ? undefined : init),
  };
  sent.push(sentRequest);
  const route = routes.findLast((r) => r.method === sentRequest.method && r.path === sentRequest.path);
  if (!route) {
    const name = `${sentRequest.method} ${sentRequest.path}`;
    return apiError(404, { code: "test.no_route", th: `การทดสอบไม่ได้ตอบ ${name}`, en: `No test answer for ${name}` });
  }
  return route.reply(sentRequest);
}
