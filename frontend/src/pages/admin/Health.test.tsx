import { apiError, json, serveApi } from "./testApi";
import { screen, within } from "@testing-library/react";
import { renderWithProviders } from "../../test/render";
import Health from "./Health";

afterEach(() => vi.unstubAllGlobals());

const READY = { status: "ready", checks: { database: "ok", redis: "ok" } };

test("a service whose readyz the gateway cannot reach shows as down with the gateway's error", async () => {
  serveApi({
    "GET /healthz": { status: "ok" },
    "GET /api/intake/readyz": READY,
    "GET /api/intake/healthz": { status: "ok" },
    "GET /api/scoring/readyz": () => apiError(503, "gateway.unavailable", "บริการไม่พร้อมใช้งานชั่วคราว", "The scoring service is not reachable"),
    "GET /api/scoring/healthz": () => apiError(503, "gateway.unavailable", "บริการไม่พร้อมใช้งานชั่วคราว", "The scoring service is not reachable"),
    "GET /api/reporting/readyz": () => json({ status: "not_ready", checks: { database: "ok", redis: "error: ConnectionError" } }, 503),
    "GET /api/reporting/healthz": { status: "ok" },
  });
  renderWithProviders(<Health />);

  const scoring = await screen.findByTestId("health-scoring");
  expect(await within(scoring).findByText("ไม่ตอบสนอง")).toBeInTheDocument();
  expect(within(scoring).getByText("บริการไม่พร้อมใช้งานชั่วคราว")).toBeInTheDocument();
  expect(within(scoring).getByText("gateway.unavailable")).toBeInTheDocument();
  expect(within(scoring).getByText("ไม่ตอบ")).toBeInTheDocument();

  const reporting = screen.getByTestId("health-reporting");
  expect(await within(reporting).findByText("ไม่พร้อม")).toBeInTheDocument();
  expect(within(reporting).getByText("error: ConnectionError")).toBeInTheDocument();

  const intake = screen.getByTestId("health-intake");
  expect(await within(intake).findByText("พร้อมใช้งาน")).toBeInTheDocument();
  expect(within(intake).getAllByText("ปกติ")).toHaveLength(2);

  expect(await screen.findByTestId("health-summary")).toHaveTextContent("มีปัญหา 2 รายการ");
});

test("a gateway that cannot be reached at all shows everything down with the network error", async () => {
  vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
  renderWithProviders(<Health />);
  const gateway = await screen.findByTestId("health-gateway");
  expect(await within(gateway).findByText("ไม่ตอบสนอง")).toBeInTheDocument();
  expect(within(gateway).getByText("network.unreachable")).toBeInTheDocument();
  expect(await screen.findByTestId("health-summary")).toHaveTextContent("มีปัญหา 4 รายการ");
});
