import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import "../i18n";
import { fakeFetch, resetNetwork } from "./network";

// No test reaches a real server: the API client looks `fetch` up at each call and finds this.
globalThis.fetch = fakeFetch;
// The first render of a big screen (Mantine, many inputs) can take seconds on a busy machine.
configure({ asyncUtilTimeout: 15_000 });

// jsdom lacks what Mantine measures with.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => undefined;
// Mantine's autosizing Textarea waits for fonts.
Object.defineProperty(document, "fonts", { value: { ready: Promise.resolve(), addEventListener: () => undefined, removeEventListener: () => undefined } });

afterEach(() => {
  cleanup();
  localStorage.clear();
  resetNetwork();
});
