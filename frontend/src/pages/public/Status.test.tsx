import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { expect, it } from "vitest";
import { answer } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import Status from "./Status";

it("shows the complaint's progress, its result and the way to the survey", { timeout: 30_000 }, async () => {
  answer("GET", "/api/intake/v1/public/complaints/tok-0123456789abcdef", {
    ticket_no: "ORG-2567-000042",
    title: "ไฟฟ้าส่องสว่างดับ",
    status: "completed",
    category_th: "ไฟฟ้าส่องสว่าง",
    received_at: "2024-05-01T02:00:00Z",
    timeline: [
      { type: "received", at: "2024-05-01T02:00:00+00:00", label_th: "รับเรื่องแล้ว", label_en: "Received" },
      { type: "completed", at: "2024-05-03T09:30:00+00:00", label_th: "ดำเนินการเสร็จสิ้น", label_en: "Completed" },
    ],
    result: "เปลี่ยนหลอดไฟแล้ว",
    survey_available: true,
  });
  renderWithProviders(
    <Routes>
      <Route path="/p/:token" element={<Status />} />
    </Routes>,
    { route: "/p/tok-0123456789abcdef" },
  );
  expect(await screen.findByTestId("public-ticket-no")).toHaveTextContent("ORG-2567-000042");
  expect(screen.getByText("รับเรื่องแล้ว")).toBeInTheDocument();
  expect(screen.getByText("3 พ.ค. 2567 16:30")).toBeInTheDocument();
  expect(screen.getByText("เปลี่ยนหลอดไฟแล้ว")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "ตอบแบบสำรวจความพึงพอใจ", hidden: true })).toHaveAttribute(
    "href",
    "/p/tok-0123456789abcdef/survey",
  );
});
