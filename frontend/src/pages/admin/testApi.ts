/** A fake network for this folder's tests: `serveApi({...})` stubs `fetch` (with `vi.stubGlobal`)
 * with answers per "METHOD /path" and records the calls. */
import { vi } from "vitest";

export interface Call {
  method: string;
  /** e.g. `/api/intake/v1/users` */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Route = ((call: Call) => Response | Promise<Response>) | object;

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A response in the services' error envelope. */
export function apiError(
  status: number,
  code: string,
  messageTh: string,
  messageEn: string,
  fields: Record<string, string> = {},
  fieldsTh?: Record<string, string>,
): Response {
  return json({ error: { code, message_th: messageTh, message_en: messageEn, fields, ...(fieldsTh ? { fields_th: fieldsTh } : {}) } }, status);
}

/** Answer `"METHOD /path"` with the route's data (200) or its function's response; anything else
 * is a 404. Returns the calls made, in order. */
export function serveApi(routes: Record<string, Route>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      // The API clients send a Request; the health page fetches a relative path.
      const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init);
      const url = new URL(request.url);
      const text = await request.text();
      const call: Call = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
      calls.push(call);
      const route = routes[`${call.method} ${call.path}`];
      if (route === undefined) {
        return apiError(404, "test.no_route", "ไม่มีเส้นทางนี้ในการทดสอบ", `No test route for ${call.method} ${call.path}`);
      }
      return typeof route === "function" ? route(call) : json(route);
    }),
  );
  return calls;
}
