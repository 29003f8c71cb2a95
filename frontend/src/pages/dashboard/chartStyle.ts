/** ECharts draws its own text (SVG), so it must be told the app's Thai font, or Thai text in
 * legends and tooltips shows as boxes. */
export const THAI_FONT = "Sarabun, sans-serif";

/** The font for every text of a chart: spread into an option's top level. */
export const CHART_TEXT = { textStyle: { fontFamily: THAI_FONT } } as const;

/** Tooltip text in the same font. */
export const TOOLTIP_TEXT = { textStyle: { fontFamily: THAI_FONT } } as const;
