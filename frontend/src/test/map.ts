/** The Leaflet map of a screen (components/map), for Vitest. */
import { screen, waitFor } from "@testing-library/react";
import { expect } from "vitest";

/** The map with this accessible name, once Leaflet has drawn it (it is loaded on demand). */
export async function findMap(name: string): Promise<HTMLElement> {
  const map = await screen.findByRole("application", { name });
  await waitFor(() => expect(map).toHaveClass("leaflet-container"));
  return map;
}

/** The pins on the page, by their titles ("หมุดที่ <lat>, <long>"). */
export const pinTitles = (): string[] => screen.queryAllByTitle(/^หมุดที่ /).map((pin) => pin.title);
