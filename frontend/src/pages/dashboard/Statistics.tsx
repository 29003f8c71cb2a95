/** Complaint statistics (seed 002): complaints received (and of those, completed) by category,
 * complainant group, channel, agency or month, three fiscal years side by side. */
import { Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { useCategories, useChannels, useGroups, useNamer } from "../../api/reference";
import type { ScoringSchemas } from "../../api/types";
import { useUser } from "../../auth/AuthContext";
import { Chart } from "../../components/Chart";
import { LabelledSegmentedControl } from "../../components/LabelledSegmentedControl";
import { QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { AgencySelect, FiscalYearSelect, useAgencyName } from "./filters";
import { fiscalMonths, useMonthName } from "./months";
import { CHART_TEXT, TOOLTIP_TEXT } from "./chartStyle";

type Stats = ScoringSchemas["StatsOut"];
export const GROUPINGS = ["category", "complainant_group", "channel", "agency", "month"] as const;
export type Grouping = (typeof GROUPINGS)[number];
const YEARS_SIDE_BY_SIDE = 3;
/** More bars than this cannot be read; the table below has every row. */
const CHART_ROWS = 20;
/** The key scoring gives answers that do not say (no complainant group, no agency). */
const UNKNOWN = "-";

/** A function naming a row's key for the grouping in the user's language. */
function useKeyName(grouping: Grouping, fy: number): (key: string) => string {
  const { t } = useTranslation("dashboard");
  const categories = useNamer(useCategories().data);
  const channels = useNamer(useChannels().data);
  const groups = useNamer(useGroups().data);
  const agency = useAgencyName();
  const monthName = useMonthName();
  const months = fiscalMonths(fy);
  return (key) => {
    if (key === UNKNOWN) return t("unknown");
    switch (grouping) {
      case "category":
        return categories(key);
      case "channel":
        return channels(key);
      case "complainant_group":
        return groups(key);
      case "agency":
        return agency(key);
      case "month": {
        const month = months[Number(key) - 1];
        return month ? monthName(month) : key;
      }
    }
  };
}

/** Rows in the order to show: months in fiscal order, the rest by the latest year's count. */
export function orderRows(stats: Stats): Stats["rows"] {
  if (stats.group_by === "month") return [...stats.rows].sort((a, b) => a.key.localeCompare(b.key));
  const latest = String(stats.fiscal_year);
  return [...stats.rows].sort((a, b) => (b.counts[latest] ?? 0) - (a.counts[latest] ?? 0) || a.key.localeCompare(b.key));
}

export default function Statistics() {
  const { t } = useTranslation(["dashboard", "common"]);
  const user = useUser();
  const [grouping, setGrouping] = useState<Grouping>("category");
  const [fy, setFy] = useState(fiscalYear);
  const [agency, setAgency] = useState(user.agency.code);
  const stats = useQuery({
    queryKey: ["stats", fy, grouping, agency, YEARS_SIDE_BY_SIDE],
    queryFn: () =>
      must(scoring.GET("/v1/stats", { params: { query: { fy, group_by: grouping, agency, compare_years: YEARS_SIDE_BY_SIDE } } })),
  });

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.statistics", { ns: "common" })}</Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <LabelledSegmentedControl
          label={t("stats.groupBy")}
          value={grouping}
          onChange={(value) => setGrouping(value as Grouping)}
          data={GROUPINGS.map((g) => ({ value: g, label: t(`stats.grouping.${g}`) }))}
        />
        <FiscalYearSelect value={fy} onChange={setFy} />
        <AgencySelect value={agency} onChange={setAgency} />
      </Group>
      <QueryState query={stats} empty={(data) => data.rows.length === 0}>
        {(data) => <StatsView stats={data} grouping={grouping} />}
      </QueryState>
    </Stack>
  );
}

function StatsView({ stats, grouping }: { stats: Stats; grouping: Grouping }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const prefs = usePrefs();
  const keyName = useKeyName(grouping, stats.fiscal_year);
  const rows = orderRows(stats);
  const years = stats.years.map(String);
  const names = rows.map((row) => keyName(row.key));
  const charted = rows.slice(0, CHART_ROWS);

  const option = useMemo(
    () => ({
      ...CHART_TEXT,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        ...TOOLTIP_TEXT,
        trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => format.number(v) },
      xAxis: {
        type: "category",
        data: names.slice(0, CHART_ROWS),
        axisLabel: { interval: 0, rotate: charted.length > 6 ? 35 : 0, width: 120, overflow: "truncate" },
      },
      yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => format.number(v) } },
      series: years.map((year) => ({
        type: "bar",
        name: t("stats.fyLabel", { fy: format.digits(year) }),
        data: charted.map((row) => row.counts[year] ?? 0),
      })),
    }),
    // `format` and the names follow the prefs and data listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stats, grouping, names.join("|"), t, prefs.language, prefs.thaiDigits],
  );

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        {/* Keyed by the names: Chart applies only option changes made after ECharts has loaded, and
            the names may arrive (reference lists) before that. */}
        <Chart key={names.join("|")} option={option} height={360} label={t("stats.chartLabel", { grouping: t(`stats.grouping.${grouping}`) })} />
        {rows.length > CHART_ROWS && (
          <Text size="xs" c="dimmed">
            {t("stats.chartTop", { n: format.number(CHART_ROWS), total: format.number(rows.length) })}
          </Text>
        )}
      </Paper>
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder withColumnBorders verticalSpacing={4} aria-label={t("stats.tableLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2}>{t(`stats.grouping.${grouping}`)}</Table.Th>
              {years.map((year) => (
                <Table.Th key={year} colSpan={2} ta="center">
                  {t("stats.fyLabel", { fy: format.digits(year) })}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {years.map((year) => [
                <Table.Th key={`${year}-received`} ta="right">
                  {t("stats.received")}
                </Table.Th>,
                <Table.Th key={`${year}-completed`} ta="right">
                  {t("stats.completed")}
                </Table.Th>,
              ])}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={row.key} data-testid="stats-row">
                <Table.Td>{names[i]}</Table.Td>
                {years.map((year) => [
                  <Table.Td key={`${year}-received`} ta="right">
                    {format.number(row.counts[year] ?? 0)}
                  </Table.Td>,
                  <Table.Td key={`${year}-completed`} ta="right">
                    {format.number(row.completed[year] ?? 0)}
                  </Table.Td>,
                ])}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th>{t("stats.total")}</Table.Th>
              {years.map((year) => [
                <Table.Td key={`${year}-received`} ta="right" fw={700}>
                  {format.number(stats.totals[year] ?? 0)}
                </Table.Td>,
                <Table.Td key={`${year}-completed`} ta="right" fw={700}>
                  {format.number(rows.reduce((sum, row) => sum + (row.completed[year] ?? 0), 0))}
                </Table.Td>,
              ])}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
