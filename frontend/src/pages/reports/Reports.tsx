/** Reports (SPEC §6): choose a type, its params, the file format, language and digits; reporting
 * renders it in the background while this screen follows it; then download it. Below, the user's
 * latest reports. */
import { Button, Group, NativeSelect, Paper, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { must, reporting } from "../../api/client";
import { ApiError } from "../../api/errors";
import { useErrorText } from "../../api/useErrorText";
import { useUser } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { ErrorAlert, QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import type { Language } from "../../i18n";
import { usePrefs } from "../../prefs";
import { useAgencyName } from "../dashboard/filters";
import { buildParams, fieldsOf, FORMATS, initialParams, REPORT_TYPES, type ParamsState, type ReportType } from "./kinds";
import { ParamsForm } from "./ParamsForm";
import { ReportStatus, StatusBadge, useDownload } from "./ReportStatus";
import { isFinished, requestReport, useReport, type Report, type ReportRequest } from "./useReport";

const LATEST = 20;
const LIST_POLL_MS = 2000;
/** Fields of the request itself, shown beside their inputs. */
const OUTPUT_FIELDS = ["type", "format", "language", "thai_digits"];

/** Whether the error concerns something the form does not show next to a field. */
export function needsGeneralMessage(error: unknown, shownFields: readonly string[]): boolean {
  if (!error) return false;
  if (!(error instanceof ApiError)) return true;
  const fields = Object.keys(error.fields);
  return fields.length === 0 || fields.some((f) => !shownFields.some((shown) => f === shown || f.startsWith(`${shown}.`)));
}

export default function Reports() {
  const { t } = useTranslation(["reports", "common"]);
  const user = useUser();
  const prefs = usePrefs();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [type, setType] = useState<ReportType>("progress");
  const [params, setParams] = useState<ParamsState>(() => initialParams(user.agency.code, fiscalYear()));
  const [fileFormat, setFileFormat] = useState<ReportRequest["format"]>("pdf");
  const [language, setLanguage] = useState<Language>(prefs.language);
  const [thaiDigits, setThaiDigits] = useState(prefs.thaiDigits);
  const [current, setCurrent] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => requestReport({ type, params: buildParams(type, params), format: fileFormat, language, thai_digits: thaiDigits }),
    onSuccess: (report) => {
      queryClient.setQueryData(["report", report.id], report);
      setCurrent(report.id);
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
    },
  });

  // The list shows the current report's new status once it finishes.
  const currentStatus = useReport(current).data?.status;
  useEffect(() => {
    if (currentStatus === "done" || currentStatus === "failed") void queryClient.invalidateQueries({ queryKey: ["reports"] });
  }, [currentStatus, queryClient]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const shownFields = [...fieldsOf(type, params).map((f) => `params.${f}`), ...OUTPUT_FIELDS];

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.reports", { ns: "common" })}</Title>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t("formLabel")}>
        <Stack gap="md">
          <NativeSelect
            label={t("type")}
            data={REPORT_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
            value={type}
            onChange={(e) => {
              setType(e.currentTarget.value as ReportType);
              create.reset();
            }}
            error={errorText(create.error, "type")}
            w={480}
          />
          <ParamsForm type={type} state={params} onChange={(change) => setParams((p) => ({ ...p, ...change }))} error={create.error} />
          <Group align="flex-end" gap="md" wrap="wrap">
            <NativeSelect
              label={t("format")}
              data={FORMATS.map((value) => ({ value, label: t(`formats.${value}`) }))}
              value={fileFormat}
              onChange={(e) => setFileFormat(e.currentTarget.value as ReportRequest["format"])}
              error={errorText(create.error, "format")}
              w={180}
            />
            <NativeSelect
              label={t("language")}
              data={[
                { value: "th", label: t("languages.th") },
                { value: "en", label: t("languages.en") },
              ]}
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value as Language)}
              error={errorText(create.error, "language")}
              w={160}
            />
            <Switch
              label={t("thaiDigits")}
              checked={thaiDigits}
              onChange={(e) => setThaiDigits(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          {needsGeneralMessage(create.error, shownFields) && <ErrorAlert error={create.error} />}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("create")}
            </Button>
          </Group>
          {current && <ReportStatus id={current} />}
        </Stack>
      </Paper>
      <LatestReports />
    </Stack>
  );
}

function About({ report }: { report: Report }) {
  const { t } = useTranslation("reports");
  const format = useFormat();
  const agencyName = useAgencyName();
  const p = report.params;
  const parts = [agencyName(report.agency)];
  if (typeof p.project === "string") parts.push(t("about.project", { code: p.project }));
  if (typeof p.fy === "number") parts.push(t("about.fy", { fy: format.digits(String(p.fy)) }));
  if (typeof p.month === "string") parts.push(format.month(`${p.month}-01`));
  if (typeof p.start === "string" && typeof p.end === "string") parts.push(`${format.date(p.start)} – ${format.date(p.end)}`);
  if (typeof p.scheme === "string") parts.push(p.scheme);
  return <>{parts.join(" · ")}</>;
}

function LatestReports() {
  const { t } = useTranslation("reports");
  const format = useFormat();
  const save = useDownload();
  const reports = useQuery({
    queryKey: ["reports"],
    queryFn: () => must(reporting.GET("/v1/reports", { params: { query: { limit: LATEST } } })),
    refetchInterval: (query) => (query.state.data?.some((r) => !isFinished(r)) ? LIST_POLL_MS : false),
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="latest-reports">
      <Title order={3} size="h4" id="latest-reports">
        {t("latest")}
      </Title>
      {save.error && <ErrorAlert error={save.error} />}
      <QueryState query={reports} empty={(data) => data.length === 0}>
        {(data) => (
          <DataTable
            striped
            withTableBorder
            verticalSpacing={4}
            aria-labelledby="latest-reports"
            minWidth={860}
            columns={[t("col.requested"), t("col.type"), t("col.about"), t("col.format"), t("col.status"), t("col.file")]}
            rows={data}
          >
            {(report) => (
            <Table.Tr key={report.id} data-testid="latest-report">
              <Table.Td>{format.dateTime(report.created_at)}</Table.Td>
              <Table.Td>{t(`types.${report.type}`, { defaultValue: report.type })}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  <About report={report} />
                </Text>
              </Table.Td>
              <Table.Td>
                {t(`formats.${report.format}`)} · {report.language.toUpperCase()}
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <StatusBadge status={report.status} />
                  {report.status === "running" && (
                    <Text size="xs" c="dimmed">
                      {format.number(report.progress)} %
                    </Text>
                  )}
                  {report.status === "failed" && report.error_code && (
                    <Text size="xs" c="red" title={report.error ?? undefined}>
                      {report.error_code}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {report.status === "done" && (
                  // Not "ดาวน์โหลด": that name belongs to the report just requested, above.
                  <Button size="compact-sm" variant="light" onClick={() => save.mutate(report)}>
                    {t("saveFile")}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
            )}
          </DataTable>
        )}
      </QueryState>
    </Stack>
  );
}
