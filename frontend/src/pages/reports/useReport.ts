/** Reports are rendered in the background: ask for one, then follow it until it is done or failed. */
import { useQuery } from "@tanstack/react-query";
import { download, must, reporting } from "../../api/client";
import type { ReportingSchemas } from "../../api/types";

export type Report = ReportingSchemas["ReportOut"];
export type ReportRequest = ReportingSchemas["ReportIn"];

export const POLL_MS = 1000;

export const isFinished = (report: Pick<Report, "status"> | undefined) => report?.status === "done" || report?.status === "failed";

/** A report's status, asked again every second until it is done or failed. */
export function useReport(id: string | null) {
  return useQuery({
    queryKey: ["report", id],
    queryFn: () => must(reporting.GET("/v1/reports/{report_id}", { params: { path: { report_id: id ?? "" } } })),
    enabled: id !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
  });
}

export const requestReport = (body: ReportRequest) => must(reporting.POST("/v1/reports", { body }));

export const retryReport = (id: string) => must(reporting.POST("/v1/reports/{report_id}/retry", { params: { path: { report_id: id } } }));

export const downloadReport = (report: Report) =>
  download(`/api/reporting/v1/reports/${report.id}/file`, report.filename ?? `${report.type}.${report.format}`);
