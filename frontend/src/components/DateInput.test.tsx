import { screen } from "@testing-library/react";
import { renderWithProviders } from "../test/render";
import { DateInput } from "./DateInput";

describe("DateInput", () => {
  it("reads a typed day back in the Buddhist era", () => {
    renderWithProviders(<DateInput label="วันที่" value="2019-10-28" onChange={() => undefined} />);
    expect(screen.getByText("28 ต.ค. 2562")).toBeInTheDocument();
  });

  it("reads a typed moment back as Bangkok time, and shows the hint while empty", () => {
    renderWithProviders(<DateInput withTime label="ว่าง" value="" description="ไม่บังคับ" onChange={() => undefined} />);
    expect(screen.getByText("ไม่บังคับ")).toBeInTheDocument();
    renderWithProviders(<DateInput withTime label="เวลา" value="2019-10-28T14:05" onChange={() => undefined} />);
    expect(screen.getByText(/28 ต\.ค\. 2562.*14:05/)).toBeInTheDocument();
  });
});
