/** Typed clients of the three services, through the gateway's `/api/<service>/`. */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { ApiError, networkError, toApiError } from "./errors";
import type { paths as IntakePaths } from "./generated/intake";
import type { paths as ReportingPaths } from "./generated/reporting";
import type { paths as ScoringPaths } from "./generated/scoring";

const TOKEN_KEY = "rongtook.token";
let token: string | null = typeof localStorage !== "undefined" ? localStorage.getItem(TOKEN_KEY) : null;
const unauthorizedListeners = new Set<() => void>();

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value;
  if (value === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, value);
}

/** Called when a service says the session is no longer valid (401). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token !== null && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && token !== null) unauthorizedListeners.forEach((listener) => listener());
    return response;
  },
};

function client<Paths extends object>(service: string): Client<Paths> {
  const c = createClient<Paths>({
    // Absolute, and fetch looked up at each call: what a test's fake network replaces.
    baseUrl: `${globalThis.location?.origin ?? ""}/api/${service}`,
    fetch: (request) => globalThis.fetch(request),
  });
  c.use(auth);
  return c;
}

export const intake = client<IntakePaths>("intake");
export const scoring = client<ScoringPaths>("scoring");
export const reporting = client<ReportingPaths>("reporting");

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** The response's data, or an ApiError (also for a network failure). */
export async function must<T>(request: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw networkError();
  }
  if (!outcome.response.ok) throw await toApiError(outcome.response, outcome.error);
  return outcome.data as T;
}

/** A raw fetch through the gateway with the session's token (downloads, uploads, forms). */
export async function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set("Authorization", `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401 && token !== null) unauthorizedListeners.forEach((listener) => listener());
    throw await toApiError(response, body);
  }
  return response;
}

/** Save a response's body as a file, named as the server says. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetchApi(path);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
