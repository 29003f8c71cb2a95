/** The report types reporting renders (services/reporting/src/reporting/reports/kinds.py) and the
 * params each one takes (documents/*.py): the form keeps one state for all of them and sends the
 * fields of the chosen type. */
import type { ReportRequest } from "./useReport";

export const REPORT_TYPES = [
  "progress",
  "action-plan",
  "kpi-scorecard",
  "cpl-r001",
  "cpl-r003",
  "monthly-summary",
  "statistics",
  "satisfaction",
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const FORMATS: readonly ReportRequest["format"][] = ["pdf", "xlsx", "csv", "json"];

export interface ParamsState {
  /** progress: counted for a project when one is chosen, else for the agency over the fiscal year */
  project: string | null;
  plan: string | null;
  agency: string;
  /** As typed: a number, or "" when cleared. */
  fy: number | string;
  periods: "monthly" | "quarterly";
  scheme: string;
  /** cpl-r003: a fiscal year, or a range of days */
  range: "fy" | "dates";
  start: string;
  end: string;
  month: string | null;
  years: number | string;
  template: string | null;
}

export function initialParams(agency: string, fy: number): ParamsState {
  return {
    project: null,
    plan: null,
    agency,
    fy,
    periods: "monthly",
    scheme: "bma-2563",
    range: "fy",
    start: "",
    end: "",
    month: null,
    years: 3,
    template: null,
  };
}

/** The params fields the form shows for a type (an error on another one is shown above the form). */
export function fieldsOf(type: ReportType, state: ParamsState): string[] {
  switch (type) {
    case "progress":
      return state.project !== null ? ["project", "periods"] : ["agency", "fy", "periods"];
    case "action-plan":
      return ["plan"];
    case "kpi-scorecard":
      return ["agency", "fy", "scheme"];
    case "cpl-r001":
      return ["agency"];
    case "cpl-r003":
      return state.range === "fy" ? ["agency", "fy"] : ["agency", "start", "end"];
    case "monthly-summary":
      return ["agency", "month"];
    case "statistics":
      return ["agency", "fy", "years"];
    case "satisfaction":
      return ["agency", "fy", "template"];
  }
}

const asNumber = (value: number | string): number | undefined =>
  value === "" || value === null || Number.isNaN(Number(value)) ? undefined : Number(value);

/** The params reporting takes for the type; empty fields are left out so that reporting names
 * what is missing. */
export function buildParams(type: ReportType, state: ParamsState): Record<string, unknown> {
  const values: Record<string, unknown> = {
    project: state.project ?? undefined,
    plan: state.plan ?? undefined,
    agency: state.agency || undefined,
    fy: asNumber(state.fy),
    periods: state.periods,
    scheme: state.scheme || undefined,
    start: state.start || undefined,
    end: state.end || undefined,
    month: state.month ?? undefined,
    years: asNumber(state.years),
    template: state.template ?? undefined,
  };
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(type, state)) {
    if (values[field] !== undefined) params[field] = values[field];
  }
  return params;
}
