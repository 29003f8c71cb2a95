import { screen, within } from "@testing-library/react";
import { answer, answerAll, apiError, json, offline } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Health from "./Health";

/** What the screen asks: the gateway's liveness, and each service's readiness and liveness. */
const PROBES = ["/healthz", ...["intake", "scoring", "reporting"].flatMap((service) => [`/api/${service}/readyz`, `/api/${service}/healthz`])];
const READY = { status: "ready", checks: { database: "ok", redis: "ok" } };

test("a service whose readyz the gateway cannot reach shows as down with the gateway's error", async () => {
  answerAll({
    "GET /healthz": { status: "ok" },
    "GET /api/intake/readyz": READY,
    "GET /api/intake/healthz": { status: "ok" },
    "GET /api/scoring/readyz": () =>
      apiError(503, {
        code: "gateway.unavailable",
        th: "บริการไม่พร้อมใช้งานชั่วคราว",
        en: "The scoring service is not reachable",
      }),
    "GET /api/scoring/healthz": () =>
      apiError(503, {
        code: "gateway.unavailable",
        th: "บริการไม่พร้อมใช้งานชั่วคราว",
        en: "The scoring service is not reachable",
      }),
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
  for (const path of PROBES) answer("GET", path, offline);
  renderWithProviders(<Health />);
  const gateway = await screen.findByTestId("health-gateway");
  expect(await within(gateway).findByText("ไม่ตอบสนอง")).toBeInTheDocument();
  expect(within(gateway).getByText("network.unreachable")).toBeInTheDocument();
  expect(await screen.findByTestId("health-summary")).toHaveTextContent("มีปัญหา 4 รายการ");
});
