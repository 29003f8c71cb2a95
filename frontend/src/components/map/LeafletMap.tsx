/** The Leaflet map behind MapPicker, in a chunk of its own (with Leaflet and its CSS). */
import { Stack, Text } from "@mantine/core";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { MapConfig } from "../../api/types";
import type { MapProps, Point } from "./MapPicker";
import "./map.css";

/** The zoom a pin set from elsewhere (typed, or the device's location) is shown at, at least. */
const PIN_ZOOM = 16;

/** A pin drawn in the page (no image fetched): a red drop with a white dot, its tip on the place. */
const PIN = L.divIcon({
  className: "rt-map-pin",
  html: '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="40" viewBox="0 0 28 40" aria-hidden="true"><path d="M14 39C14 39 2 23.5 2 14a12 12 0 0 1 24 0c0 9.5-12 25-12 25z" fill="#e03131" stroke="#fff" stroke-width="2"/><circle cx="14" cy="14" r="4.5" fill="#fff"/></svg>',
  iconSize: [28, 40],
  iconAnchor: [14, 39],
});

const onEarth = (lat: number, long: number) => Math.abs(lat) <= 90 && Math.abs(long) <= 180;
const near = (a: Point, b: Point) => Math.abs(a.lat - b.lat) < 1e-6 && Math.abs(a.long - b.long) < 1e-6;
const micro = (value: number) => Math.round(value * 1e6) / 1e6;

/** The point of a place on the map, in micro-degrees (about 10 cm), the longitude within ±180. */
function pointOf(latlng: L.LatLng): Point {
  const wrapped = latlng.wrap();
  return { lat: micro(wrapped.lat), long: micro(wrapped.lng) };
}

/** Leaflet shows the attribution as HTML: the setting is text. */
function escapeHtml(text: string): string {
  const element = document.createElement("span");
  element.textContent = text;
  return element.innerHTML;
}

export default function LeafletMap({ config, point, onPick, label, hint, height }: MapProps & { config: MapConfig; height: number }) {
  const { t } = useTranslation();
  const hintId = useId();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  // The point the user set on this map last: the map stays where it is (it was clicked there).
  const picked = useRef<Point | null>(null);

  const pick = (latlng: L.LatLng) => {
    if (!onPick) return;
    const chosen = pointOf(latlng);
    picked.current = chosen;
    onPick(chosen);
  };
  const onClick = useEffectEvent((event: L.LeafletMouseEvent) => pick(event.latlng));
  const onDragEnd = useEffectEvent((latlng: L.LatLng) => pick(latlng));

  useEffect(() => {
    if (!container.current) return;
    const created = L.map(container.current, {
      center: [config.center.lat, config.center.long],
      zoom: config.zoom,
      maxZoom: config.max_zoom,
      zoomControl: false, // added below, in the user's language
    });
    L.tileLayer(config.tile_url, { maxZoom: config.max_zoom, attribution: escapeHtml(config.attribution) }).addTo(created);
    created.on("click", onClick);
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, [config]);

  useEffect(() => {
    if (!map) return;
    const zoom = L.control.zoom({ zoomInTitle: t("map.zoomIn"), zoomOutTitle: t("map.zoomOut") }).addTo(map);
    return () => {
      zoom.remove();
    };
  }, [map, t]);

  const lat = point?.lat;
  const long = point?.long;
  const valid = lat !== undefined && long !== undefined && onEarth(lat, long);
  const pinTitle = valid ? t("map.pin", { lat: lat.toFixed(6), long: long.toFixed(6) }) : "";
  useEffect(() => {
    if (!map || !valid) return;
    // Where the user may set the pin, they may also drag it.
    const marker = L.marker([lat, long], { icon: PIN, title: pinTitle, keyboard: false, draggable: Boolean(onPick) }).addTo(map);
    marker.on("dragend", () => onDragEnd(marker.getLatLng()));
    return () => {
      marker.remove();
    };
  }, [map, valid, lat, long, pinTitle, onPick]);

  // A pin set from elsewhere (typed, the device's location, the complaint's) is brought into view.
  useEffect(() => {
    if (!map || !valid || (picked.current && near(picked.current, { lat, long }))) return;
    picked.current = null;
    map.setView([lat, long], Math.max(map.getZoom(), Math.min(PIN_ZOOM, config.max_zoom)));
  }, [map, valid, lat, long, config.max_zoom]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // The map itself has the focus (not a zoom button or a link in it): Enter sets the pin at its centre.
    if (!map || !onPick || event.key !== "Enter" || event.target !== event.currentTarget) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return; // Ctrl+Enter saves the form
    event.preventDefault();
    pick(map.getCenter());
  }

  return (
    <Stack gap={4}>
      <div
        ref={container}
        className="rt-map"
        data-picking={onPick ? "" : undefined}
        role="application"
        aria-label={label}
        aria-describedby={hint ? hintId : undefined}
        style={{ height }}
        onKeyDown={onKeyDown}
      />
      {hint && (
        <Text id={hintId} size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
