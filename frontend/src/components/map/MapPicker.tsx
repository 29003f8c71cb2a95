/** A map of the place a complaint is about, with its pin. With `onPick` the user sets the pin (a click
 * or tap, or Enter at the map's centre from the keyboard); without, it only shows it. The tiles and
 * the opening view are the installation's (RONGTOOK_MAP_*); with no tile server configured nothing
 * is drawn but `withoutTiles`. Leaflet and its CSS are loaded only when a map is drawn. */
import { Box } from "@mantine/core";
import { Suspense, lazy, type ReactNode } from "react";
import { useClientConfig } from "../../api/config";
import { Loading, QueryState } from "../states";

export interface Point {
  lat: number;
  long: number;
}

export interface MapProps {
  point: Point | null;
  onPick?: (point: Point) => void;
  /** The map's accessible name. */
  label: string;
  /** How to use it, shown under it (and read out with it). */
  hint?: string;
  height?: number;
}

const LeafletMap = lazy(() => import("./LeafletMap"));

export function MapPicker({ withoutTiles = null, height = 300, ...props }: MapProps & { withoutTiles?: ReactNode }) {
  const config = useClientConfig();
  return (
    <QueryState query={config}>
      {({ map }) =>
        map.tile_url === "" ? (
          withoutTiles
        ) : (
          <Suspense
            fallback={
              <Box h={height}>
                <Loading />
              </Box>
            }
          >
            <LeafletMap config={map} height={height} {...props} />
          </Suspense>
        )
      }
    </QueryState>
  );
}
