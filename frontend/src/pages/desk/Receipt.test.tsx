import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { beforeEach, expect, it } from "vitest";
import { answerReferenceData } from "../../test/fixtures";
import { answer } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Receipt from "./Receipt";

beforeEach(() => answerReferenceData());

it("shows the ticket number, the Buddhist-era date and the complainant's link", { timeout: 30_000 }, async () => {
  answer("GET", "/api/intake/v1/complaints/c-9", {
    id: "c-9",
    ticket_no: "ORG-2563-000077",
    status: "forwarded",
    triage: "general",
    title: "ขยะตกค้าง ซอย 3",
    category: "roads",
    channel: "phone",
    receiving_agency: "ORG",
    agencies: ["D01"],
    received_at: "2019-10-28T03:00:00Z",
    updated_at: "2019-10-28T03:00:00Z",
    imported: false,
    description: "d",
    complainant: { anonymous: true, redacted: false },
    location: {},
    assignments: [{ agency: "D01", status: "forwarded", forwarded_at: "2019-10-28T03:00:00Z" }],
    public_url: "http://city.example/p/abc123",
  });
  renderWithProviders(
    <Routes>
      <Route path="/desk/receipt/:id" element={<Receipt />} />
    </Routes>,
    { route: "/desk/receipt/c-9" },
  );
  expect(await screen.findByTestId("ticket-no")).toHaveTextContent("ORG-2563-000077");
  expect(screen.getByText("28 ต.ค. 2562 10:00")).toBeInTheDocument();
  expect(screen.getByTestId("public-link")).toHaveAttribute("href", "http://city.example/p/abc123");
  expect(screen.getByTestId("public-link")).toHaveTextContent("http://city.example/p/abc123");
  expect(await screen.findByText("โทรศัพท์")).toBeInTheDocument();
  expect(screen.getByText("สำนักงานเขตพระนคร")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "พิมพ์", hidden: true })).toBeEnabled();
});
