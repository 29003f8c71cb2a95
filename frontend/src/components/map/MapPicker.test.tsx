import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { MapConfig } from "../../api/types";
import { MAP_CONFIG } from "../../test/fixtures";
import { findMap, pinTitles } from "../../test/map";
import { answer, apiError } from "../../test/network";
import { renderWithProviders } from "../../test/render";
import { MapPicker, type Point } from "./MapPicker";

const CONFIG = "/api/intake/v1/client-config";
/** The whole world at zoom 1 is 512 × 512 px; jsdom's map has no size, so its centre is at (0, 0). */
const WORLD: MapConfig = { ...MAP_CONFIG, center: { lat: 0, long: 0 }, zoom: 1 };

function Picking({ onPick }: { onPick: (point: Point) => void }) {
  const [point, setPoint] = useState<Point | null>(null);
  return (
    <MapPicker
      point={point}
      onPick={(chosen) => {
        setPoint(chosen);
        onPick(chosen);
      }}
      label="แผนที่สถานที่เกิดเหตุ"
      hint="คลิกเพื่อปักหมุด"
    />
  );
}

const theMap = () => findMap("แผนที่สถานที่เกิดเหตุ");
/** The zoom levels of the tiles the map asked for (their URLs are the template's). */
const tileZooms = (map: HTMLElement) =>
  [...map.querySelectorAll<HTMLImageElement>("img.leaflet-tile")].map((img) => /^http:\/\/tiles\.test\/(\d+)\/\d+\/\d+\.png$/.exec(img.src)?.[1]);

describe("MapPicker", { timeout: 30_000 }, () => {
  it("sets the pin where the map is clicked, without moving the map", async () => {
    answer("GET", CONFIG, { map: WORLD });
    const onPick = vi.fn();
    renderWithProviders(<Picking onPick={onPick} />);
    const map = await theMap();
    expect(map).toHaveAccessibleDescription("คลิกเพื่อปักหมุด");

    fireEvent.click(map, { clientX: 128, clientY: 128 }); // a quarter of the world east and south of the centre
    expect(onPick).toHaveBeenLastCalledWith({ lat: -66.51326, long: 90 });
    await waitFor(() => expect(pinTitles()).toEqual(["หมุดที่ -66.513260, 90.000000"]));
    expect(new Set(tileZooms(map))).toEqual(new Set(["1"]));

    fireEvent.click(map, { clientX: -64, clientY: 0 }); // clicking again moves it
    expect(onPick).toHaveBeenLastCalledWith({ lat: 0, long: -45 });
    await waitFor(() => expect(pinTitles()).toEqual(["หมุดที่ 0.000000, -45.000000"]));
  });

  it("sets the pin at the map's centre with Enter", async () => {
    answer("GET", CONFIG, { map: { ...WORLD, center: { lat: 13.7563, long: 100.5018 } } });
    const onPick = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Picking onPick={onPick} />);
    const map = await theMap();
    map.focus();
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(onPick).not.toHaveBeenCalled(); // Ctrl+Enter is the form's
    await user.keyboard("{Enter}");
    expect(onPick).toHaveBeenCalledWith({ lat: 13.7563, long: 100.5018 });
    expect(await screen.findByTitle("หมุดที่ 13.756300, 100.501800")).toBeInTheDocument();
  });

  it("shows a pin it was given, zoomed in on it, and is not changed by a click", async () => {
    answer("GET", CONFIG, { map: MAP_CONFIG });
    renderWithProviders(<MapPicker point={{ lat: 13.7525, long: 100.4942 }} label="แผนที่สถานที่เกิดเหตุ" />);
    const map = await theMap();
    expect(await screen.findByTitle("หมุดที่ 13.752500, 100.494200")).toBeInTheDocument();
    // The tile of the pin at zoom 16: x = ⌊(long + 180) / 360 · 2¹⁶⌋, y from the Mercator latitude.
    expect(map.querySelector('img.leaflet-tile[src="http://tiles.test/16/51062/30240.png"]')).not.toBeNull();
    fireEvent.click(map, { clientX: 40, clientY: 40 });
    expect(pinTitles()).toEqual(["หมุดที่ 13.752500, 100.494200"]);
    expect(map).not.toHaveAttribute("data-picking");
  });

  it("shows the attribution as text, and its zoom buttons in Thai", async () => {
    answer("GET", CONFIG, { map: { ...MAP_CONFIG, attribution: "© <b>กรุงเทพมหานคร</b>" } });
    renderWithProviders(<MapPicker point={null} label="แผนที่สถานที่เกิดเหตุ" />);
    const map = await theMap();
    expect(map.querySelector(".leaflet-control-attribution")).toHaveTextContent("© <b>กรุงเทพมหานคร</b>");
    expect(within(map).getByRole("button", { name: "ขยาย" })).toBeInTheDocument();
    expect(within(map).getByRole("button", { name: "ย่อ" })).toBeInTheDocument();
  });

  it("draws no map when the installation has no tile server", async () => {
    answer("GET", CONFIG, { map: { ...MAP_CONFIG, tile_url: "" } });
    renderWithProviders(<MapPicker point={{ lat: 13.75, long: 100.5 }} label="แผนที่" withoutTiles={<p>ไม่มีแผนที่</p>} />);
    expect(await screen.findByText("ไม่มีแผนที่")).toBeInTheDocument();
    expect(screen.queryByRole("application")).not.toBeInTheDocument();
  });

  it("says when the settings could not be read, and asks again", async () => {
    answer("GET", CONFIG, () => apiError(503, { code: "service.unavailable", th: "ระบบขัดข้องชั่วคราว", en: "Unavailable" }));
    const user = userEvent.setup();
    renderWithProviders(<MapPicker point={null} label="แผนที่สถานที่เกิดเหตุ" />);
    expect(await screen.findByText("ระบบขัดข้องชั่วคราว")).toBeInTheDocument();
    answer("GET", CONFIG, { map: MAP_CONFIG });
    await user.click(screen.getByRole("button", { name: "ลองอีกครั้ง" }));
    await waitFor(() => expect(screen.getByRole("application", { name: "แผนที่สถานที่เกิดเหตุ" })).toBeInTheDocument());
  });
});
