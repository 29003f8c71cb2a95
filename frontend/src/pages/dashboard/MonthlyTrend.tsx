/** Complaints an agency received per month of a fiscal year, and how many of those are completed,
 * from scoring's statistics grouped by month (fiscal month "01" = October). */
import { Paper, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { Chart } from "../../components/Chart";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { hasBegun } from "./monthlyStatus";
import { firstDay, fiscalMonths } from "./months";
import { CHART_TEXT, TOOLTIP_TEXT } from "./chartStyle";

export function MonthlyTrend({ agency, fy, agencyName }: { agency: string; fy: number; agencyName: string }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const stats = useQuery({
    queryKey: ["stats", fy, "month", agency, 1],
    queryFn: () => must(scoring.GET("/v1/stats", { params: { query: { fy, group_by: "month", agency, compare_years: 1 } } })),
  });
  const year = String(fy);
  const prefs = usePrefs();
  const option = useMemo(() => {
    const months = fiscalMonths(fy);
    const byKey = new Map((stats.data?.rows ?? []).map((row) => [row.key, row]));
    const keys = months.map((_, i) => String(i + 1).padStart(2, "0"));
    // Months still to come have no counts yet, rather than zero.
    const now = new Date();
    const begun = months.map((month) => hasBegun(month, now));
    return {
      ...CHART_TEXT,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        ...TOOLTIP_TEXT,
        trigger: "axis", valueFormatter: (v: number) => format.number(v) },
      xAxis: { type: "category", data: months.map((m) => format.month(firstDay(m))) },
      yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => format.number(v) } },
      series: [
        { type: "line", name: t("trend.received"), data: keys.map((k, i) => (begun[i] ? (byKey.get(k)?.counts[year] ?? 0) : null)) },
        { type: "line", name: t("trend.completed"), data: keys.map((k, i) => (begun[i] ? (byKey.get(k)?.completed[year] ?? 0) : null)) },
      ],
    };
    // `format` follows the prefs listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stats.data, fy, year, t, prefs.language, prefs.thaiDigits]);

  return (
    <Paper withBorder p="md" component="section">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("trend.title", { agency: agencyName, fy: format.digits(year) })}
        </Title>
        <QueryState query={stats}>{() => <Chart option={option} height={260} label={t("trend.chartLabel", { agency: agencyName })} />}</QueryState>
      </Stack>
    </Paper>
  );
}
