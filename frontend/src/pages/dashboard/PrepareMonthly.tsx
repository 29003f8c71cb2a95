/** Prepare a month's summary report with reporting, wait for it, download it, and submit it: the
 * submission is what scoring's monthly-report rule counts. */
import { Alert, Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { must, reporting } from "../../api/client";
import { ErrorAlert } from "../../components/states";
import { useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { ReportStatus } from "../reports/ReportStatus";
import { requestReport, type ReportRequest } from "../reports/useReport";
import { FORMATS } from "../reports/kinds";

export function PrepareMonthly({ agency, month }: { agency: string; month: string }) {
  const { t } = useTranslation(["dashboard", "reports"]);
  const format = useFormat();
  const prefs = usePrefs();
  const queryClient = useQueryClient();
  const [fileFormat, setFileFormat] = useState<ReportRequest["format"]>("pdf");
  const [reportId, setReportId] = useState<string | null>(null);

  const prepare = useMutation({
    mutationFn: () =>
      requestReport({
        type: "monthly-summary",
        params: { agency, month },
        format: fileFormat,
        language: prefs.language,
        thai_digits: prefs.thaiDigits,
      }),
    onSuccess: (report) => {
      setReportId(report.id);
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
    },
  });
  const submit = useMutation({
    mutationFn: (id: string) => must(reporting.POST("/v1/reports/{report_id}/submit", { params: { path: { report_id: id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["monthly-reports", agency] }),
  });

  return (
    <Stack gap="md">
      <Text size="sm">{t("monthly.prepareHelp")}</Text>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t("format", { ns: "reports" })}
          data={FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`, { ns: "reports" }) }))}
          value={fileFormat}
          onChange={(e) => setFileFormat(e.currentTarget.value as ReportRequest["format"])}
          disabled={reportId !== null}
          w={160}
        />
        <Button onClick={() => prepare.mutate()} loading={prepare.isPending} disabled={reportId !== null}>
          {t("monthly.makeReport")}
        </Button>
      </Group>
      {prepare.error && <ErrorAlert error={prepare.error} />}
      {reportId && (
        <ReportStatus
          id={reportId}
          actions={(report) =>
            submit.isSuccess ? null : (
              <Button color="teal" onClick={() => submit.mutate(report.id)} loading={submit.isPending}>
                {t("monthly.submit")}
              </Button>
            )
          }
        />
      )}
      {submit.error && <ErrorAlert error={submit.error} />}
      {submit.data && (
        <Alert color="teal" role="status" title={t("monthly.submittedTitle")}>
          {t("monthly.submittedMessage", { at: format.dateTime(submit.data.submitted_at) })}
        </Alert>
      )}
    </Stack>
  );
}
