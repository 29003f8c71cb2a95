/** A stand-in for the services in this folder's (and reports') tests: import this module first in
 * a test file (its first import sets up the network before the API clients exist). */
import "./testNetwork";
import { configure, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { setToken } from "../../api/client";
import type { Me } from "../../api/types";
import { AuthProvider, useAuth } from "../../auth/AuthContext";
import { renderWithProviders } from "../../test/render";

// The first render of a screen (Mantine, many inputs) can take seconds on a busy machine.
configure({ asyncUtilTimeout: 15_000 });

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A route's answer: data (sent as JSON, 200), or a function of the call giving a Response. */
export type Answer = unknown | ((call: Call) => Response | Promise<Response>);

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export function errorResponse(
  status: number,
  code: string,
  fields: Record<string, string> = {},
  fieldsTh: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  return json(
    { error: { code, message_th: `ผิดพลาด ${code}`, message_en: `Failed ${code}`, fields, fields_th: fieldsTh, ...extra } },
    status,
  );
}

/** Answers "METHOD /path" from `routes` (404 for any other); returns every call made, in order. */
export function serve(routes: Record<string, Answer>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url);
      const text = await request.text();
      const call: Call = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined };
      calls.push(call);
      const key = `${call.method} ${call.path}`;
      if (!(key in routes)) return errorResponse(404, "test.no_route", { route: key });
      const answer = routes[key];
      return typeof answer === "function" ? (answer as (c: Call) => Response | Promise<Response>)(call) : json(answer);
    }),
  );
  return calls;
}

export const SUPERVISOR: Me = {
  id: "01a1feea-2ded-70c5-9226-000000000001",
  username: "supervisor",
  display_name: "ผู้บังคับบัญชา",
  role: "supervisor",
  agency: { code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok" },
  active: true,
  last_login_at: null,
};

export const AUDITOR: Me = { ...SUPERVISOR, id: "01a1feea-2ded-70c5-9226-000000000002", username: "auditor", display_name: "ผู้ตรวจสอบ", role: "auditor" };

export const AGENCIES = [
  { id: "a0", code: "ORG", name_th: "กรุงเทพมหานคร", name_en: "Bangkok", parent: null, level: 0, active: true },
  { id: "a1", code: "D01", name_th: "สำนักงานเขตพระนคร", name_en: "Phra Nakhon District Office", parent: "ORG", level: 1, active: true },
  { id: "a2", code: "D02", name_th: "สำนักงานเขตดุสิต", name_en: "Dusit District Office", parent: "ORG", level: 1, active: true },
  { id: "a3", code: "D01-WORKS", name_th: "ฝ่ายโยธา สำนักงานเขตพระนคร", name_en: null, parent: "D01", level: 2, active: true },
];

function SignedIn({ children }: { children: ReactElement }) {
  const { user } = useAuth();
  return user ? children : null;
}

/** Render a screen as `user` (the routes must answer GET /api/intake/v1/me with that user). */
export function renderSignedIn(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  setToken("test-token");
  return renderWithProviders(
    <AuthProvider>
      <SignedIn>{ui}</SignedIn>
    </AuthProvider>,
    { route },
  );
}

/** Routes every screen here needs: who is signed in and the agencies. */
export const baseRoutes = (user: Me = SUPERVISOR): Record<string, Answer> => ({
  "GET /api/intake/v1/me": user,
  "GET /api/intake/v1/agencies": AGENCIES,
});

/** Choose an option of a Mantine Select: open it, then click the option whose text matches. The
 * options live in the list the box points to (aria-controls), rendered in a portal. */
export async function pick(user: UserEvent, box: HTMLElement, text: string | RegExp) {
  await user.click(box);
  const list = await waitFor(() => {
    const found = document.getElementById(box.getAttribute("aria-controls") ?? "");
    if (!found) throw new Error("the options did not open");
    return found;
  });
  const matches = (value: string) => (typeof text === "string" ? value === text : text.test(value));
  const option = within(list)
    .getAllByRole("option", { hidden: true })
    .find((o) => matches(o.textContent ?? ""));
  if (!option) throw new Error(`no option ${String(text)}`);
  await user.click(option);
}
