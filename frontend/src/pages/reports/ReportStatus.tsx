/** A report being rendered: its status and progress, then a download (done) or the reason and a
 * retry (failed). */
import { Alert, Badge, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/states";
import { useFormat } from "../../format";
import { downloadReport, isFinished, retryReport, useReport, type Report } from "./useReport";

const STATUS_COLORS: Record<Report["status"], string> = { queued: "gray", running: "blue", done: "green", failed: "red" };

export function StatusBadge({ status }: { status: Report["status"] }) {
  const { t } = useTranslation("reports");
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function useDownload() {
  return useMutation({ mutationFn: downloadReport });
}

/** `actions`: more buttons beside the download once the report is done (e.g. submit it). */
export function ReportStatus({ id, actions }: { id: string; actions?: (report: Report) => ReactNode }) {
  const { t } = useTranslation("reports");
  const format = useFormat();
  const queryClient = useQueryClient();
  const report = useReport(id);
  const save = useDownload();
  const retry = useMutation({
    mutationFn: () => retryReport(id),
    onSuccess: (queued) => {
      queryClient.setQueryData(["report", id], queued);
      void queryClient.invalidateQueries({ queryKey: ["reports"] });
    },
  });

  if (report.error && !report.data) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  const value = data ? (data.status === "done" ? 100 : data.progress) : 0;
  return (
    <Stack gap="xs" data-testid="report-status" aria-live="polite">
      <Group gap="sm">
        <Text size="sm" fw={500}>
          {t("status.label")}
        </Text>
        {data ? <StatusBadge status={data.status} /> : <Badge variant="light">{t("status.queued")}</Badge>}
        {data && !isFinished(data) && (
          <Text size="xs" c="dimmed">
            {format.number(value)} %
          </Text>
        )}
      </Group>
      <Progress
        value={value}
        animated={!isFinished(data)}
        color={data?.status === "failed" ? "red" : data?.status === "done" ? "green" : "indigo"}
        aria-label={t("progress")}
      />
      {data?.status === "done" && (
        <Group gap="sm">
          <Button onClick={() => save.mutate(data)} loading={save.isPending}>
            {t("download")}
          </Button>
          {data.filename && (
            <Text size="xs" c="dimmed">
              {data.filename}
              {data.size ? ` · ${format.number(Math.ceil(data.size / 1024))} KB` : ""}
            </Text>
          )}
          {actions?.(data)}
        </Group>
      )}
      {data?.status === "failed" && (
        <Alert color="red" title={t("failed")} role="alert">
          <Stack gap="xs">
            <Text size="sm" data-testid="report-error">
              {data.error ?? t("failedNoReason")}
            </Text>
            {data.error_code && (
              <Text size="xs" c="dimmed" data-testid="report-error-code">
                {data.error_code}
              </Text>
            )}
            <Button size="xs" variant="light" color="red" w="fit-content" onClick={() => retry.mutate()} loading={retry.isPending}>
              {t("retry")}
            </Button>
          </Stack>
        </Alert>
      )}
      {save.error && <ErrorAlert error={save.error} />}
      {retry.error && <ErrorAlert error={retry.error} />}
    </Stack>
  );
}
