/** The Leaflet map of a screen (components/map), for Vitest. */
import { screen, waitFor } from "@testing-library/react";
import { expect } from "vitest";

/**
 * The map with this accessible name, once Leaflet has drawn it (it is loaded on demand) and the screen holds it:
 * the zoom buttons are added a render after the map exists, when its keys and pins work too.
 */
export async function findMap(name: string): Promise<HTMLElement> {
  const map = await screen.findByRole("application", { name });
  await waitFor(() => expect(map.querySelector(".leaflet-control-zoom")).not.toBeNull());
  return map;
}

/** The pins on the page, by their titles ("หมุดที่ <lat>, <long>"). */
export const pinTitles = (): string[] => screen.queryAllByTitle(/^หมุดที่ /).map((pin) => pin.title);
