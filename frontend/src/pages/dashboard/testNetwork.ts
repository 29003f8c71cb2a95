/** The network of this folder's (and reports') tests. It must run before anything imports
 * `api/client`: openapi-fetch keeps the `fetch` and `Request` it finds when the clients are made, and
 * Node's `Request` refuses relative URLs ("/api/scoring/…"). So this installs a `Request` that
 * resolves them against the page, and a `fetch` that hands each request to whatever `fetch` the test
 * stubbed (vi.stubGlobal, see testServer's `serve`). */
class PageRelativeRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, window.location.href) : input, init);
  }
}
globalThis.Request = PageRelativeRequest;

const handOver: typeof fetch = (input, init) =>
  globalThis.fetch === handOver ? Promise.reject(new Error("the test did not call serve()")) : globalThis.fetch(input, init);
globalThis.fetch = handOver;

export {};
