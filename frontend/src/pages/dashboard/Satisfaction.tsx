/** Satisfaction and dissatisfaction (SPEC §5.5) from survey responses: the two headline
 * percentages, then breakdowns by dimension, item, respondent group, channel, month and agency. */
import { Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { useUser } from "../../auth/AuthContext";
import { Chart } from "../../components/Chart";
import { DataTable, numberColumn, type Column } from "../../components/DataTable";
import { Empty, QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { AgencySelect, FiscalYearSelect } from "./filters";
import { CHART_TEXT, TOOLTIP_TEXT } from "./chartStyle";

type SatisfactionOut = ScoringSchemas["SatisfactionOut"];
type Entry = ScoringSchemas["Entry"];
type ItemEntry = ScoringSchemas["ItemEntry"];

const ALL_TEMPLATES = "";

const percentOrNull = (value: string | null) => (value === null ? null : Number(value));

export default function Satisfaction() {
  const { t, i18n } = useTranslation(["dashboard", "common"]);
  const user = useUser();
  const [agency, setAgency] = useState(user.agency.code);
  const [fy, setFy] = useState(fiscalYear);
  const [template, setTemplate] = useState(ALL_TEMPLATES);
  const english = i18n.language === "en";

  const templates = useQuery({
    queryKey: ["survey-templates"],
    queryFn: () => must(intake.GET("/v1/surveys/templates")),
    staleTime: 10 * 60_000,
  });
  const satisfaction = useQuery({
    queryKey: ["satisfaction", agency, fy, template],
    queryFn: () =>
      must(scoring.GET("/v1/satisfaction", { params: { query: { agency, fy, ...(template ? { template } : {}) } } })),
  });
  // One entry per questionnaire code (the latest version names it).
  const templateOptions = [
    { value: ALL_TEMPLATES, label: t("satisfaction.allTemplates") },
    ...[...new Map((templates.data ?? []).map((tpl) => [tpl.code, tpl])).values()].map((tpl) => ({
      value: tpl.code,
      label: english && tpl.name_en ? tpl.name_en : tpl.name_th,
    })),
  ];

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.satisfaction", { ns: "common" })}</Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <AgencySelect value={agency} onChange={setAgency} />
        <FiscalYearSelect value={fy} onChange={setFy} />
        <Select
          label={t("satisfaction.template")}
          data={templateOptions}
          value={template}
          onChange={(value) => setTemplate(value ?? ALL_TEMPLATES)}
          allowDeselect={false}
          w={360}
          comboboxProps={{ width: 480, position: "bottom-start" }}
        />
      </Group>
      <QueryState query={satisfaction}>
        {(data) => (data.answers === 0 ? <Empty>{t("satisfaction.noAnswers")}</Empty> : <SatisfactionView data={data} />)}
      </QueryState>
    </Stack>
  );
}

function Headline({ label, value, color, testId }: { label: string; value: string | null; color: string; testId: string }) {
  const format = useFormat();
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={34} fw={700} c={color} lh={1.2} data-testid={testId}>
        {format.percent(value)}
      </Text>
    </Paper>
  );
}

/** The breakdowns shown, each a tab: its entries and how an entry is named. */
const BREAKDOWNS = ["dimension", "group", "gender", "age_band", "education", "occupation", "channel", "month", "agency"] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

function SatisfactionView({ data }: { data: SatisfactionOut }) {
  const { t, i18n } = useTranslation("dashboard");
  const format = useFormat();
  const english = i18n.language === "en";
  // scoring names each entry in Thai, and in English where it knows the name.
  const named = (entry: Entry) => (english && entry.label_en ? entry.label_en : entry.label);
  const monthName = (entry: Entry) => format.month(`${entry.key}-01`);
  const entries: Record<Breakdown, readonly Entry[]> = {
    dimension: data.by_dimension,
    group: data.by_group,
    gender: data.by_gender,
    age_band: data.by_age_band,
    education: data.by_education,
    occupation: data.by_occupation,
    channel: data.by_channel,
    month: data.by_month,
    agency: data.by_agency,
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Headline label={t("satisfaction.satisfied")} value={data.satisfaction_percent} color="teal" testId="satisfaction-percent" />
        <Headline label={t("satisfaction.dissatisfied")} value={data.dissatisfaction_percent} color="red" testId="dissatisfaction-percent" />
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {t("satisfaction.counts")}
          </Text>
          <Text size="sm">
            {t("satisfaction.responses", { n: format.number(data.responses) })}
            <br />
            {t("satisfaction.answers", { n: format.number(data.answers), positive: format.number(data.positive), negative: format.number(data.negative) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("satisfaction.period", { from: format.date(data.from), to: format.date(data.to), asOf: format.dateTime(data.as_of) })}
          </Text>
        </Paper>
      </SimpleGrid>

      <Tabs defaultValue="dimension" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="dimension">{t("satisfaction.by.dimension")}</Tabs.Tab>
          <Tabs.Tab value="item">{t("satisfaction.by.item")}</Tabs.Tab>
          {BREAKDOWNS.filter((b) => b !== "dimension").map((b) => (
            <Tabs.Tab key={b} value={b}>
              {t(`satisfaction.by.${b}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="item" pt="md">
          <ItemsTable items={data.by_item} dimensions={data.by_dimension} name={named} />
        </Tabs.Panel>
        {BREAKDOWNS.map((b) => (
          <Tabs.Panel key={b} value={b} pt="md">
            <Breakdown entries={entries[b]} name={b === "month" ? monthName : named} title={t(`satisfaction.by.${b}`)} line={b === "month"} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

/** A chart of the two percentages per entry (bars, or lines over months) and the counts' table. */
function Breakdown({ entries, name, title, line = false }: { entries: readonly Entry[]; name: (e: Entry) => string; title: string; line?: boolean }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const prefs = usePrefs();
  const names = entries.map(name);
  const option = useMemo(
    () => ({
      ...CHART_TEXT,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        ...TOOLTIP_TEXT,
        trigger: "axis",
        valueFormatter: (v: number | null) => (v === null || v === undefined ? "–" : format.percent(v)),
      },
      xAxis: line
        ? { type: "category", data: names }
        : { type: "value", max: 100, axisLabel: { formatter: (v: number) => format.number(v) } },
      yAxis: line
        ? { type: "value", max: 100, axisLabel: { formatter: (v: number) => format.number(v) } }
        : { type: "category", data: names, inverse: true, axisLabel: { width: 220, overflow: "truncate" } },
      series: [
        { name: t("satisfaction.satisfied"), data: entries.map((e) => percentOrNull(e.satisfaction_percent)), color: "#12b886" },
        { name: t("satisfaction.dissatisfied"), data: entries.map((e) => percentOrNull(e.dissatisfaction_percent)), color: "#fa5252" },
      ].map((series) => ({ ...series, type: line ? "line" : "bar", connectNulls: false })),
    }),
    // `format` and the names follow the prefs and data listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entries, names.join("|"), line, t, prefs.language, prefs.thaiDigits],
  );
  if (entries.length === 0) return <Empty />;
  const height = line ? 300 : Math.max(200, entries.length * 44 + 60);
  return (
    <Stack gap="md">
      {/* Keyed by the names, which may arrive before ECharts has loaded (see Statistics). */}
      <Chart key={names.join("|")} option={option} height={height} label={t("satisfaction.chartLabel", { by: title })} />
      <CountsTable entries={entries} name={name} title={title} />
    </Stack>
  );
}

/** The headings of the counts' columns that follow an entry's name. */
function useCountColumns(): Column[] {
  const { t } = useTranslation("dashboard");
  return [
    numberColumn(t("satisfaction.col.answers")),
    numberColumn(t("satisfaction.col.positive")),
    numberColumn(t("satisfaction.col.negative")),
    numberColumn(t("satisfaction.satisfied")),
    numberColumn(t("satisfaction.dissatisfied")),
  ];
}

function CountCells({ entry }: { entry: Entry }) {
  const format = useFormat();
  return (
    <>
      <Table.Td ta="right">{format.number(entry.answers)}</Table.Td>
      <Table.Td ta="right">{format.number(entry.positive)}</Table.Td>
      <Table.Td ta="right">{format.number(entry.negative)}</Table.Td>
      <Table.Td ta="right">{format.percent(entry.satisfaction_percent)}</Table.Td>
      <Table.Td ta="right">{format.percent(entry.dissatisfaction_percent)}</Table.Td>
    </>
  );
}

function CountsTable({ entries, name, title }: { entries: readonly Entry[]; name: (e: Entry) => string; title: string }) {
  const countColumns = useCountColumns();
  return (
    <DataTable striped withTableBorder verticalSpacing={4} aria-label={title} minWidth={640} columns={[title, ...countColumns]} rows={entries}>
      {(entry) => (
        <Table.Tr key={entry.key}>
          <Table.Td>{name(entry)}</Table.Td>
          <CountCells entry={entry} />
        </Table.Tr>
      )}
    </DataTable>
  );
}

function ItemsTable({ items, dimensions, name }: { items: readonly ItemEntry[]; dimensions: readonly Entry[]; name: (e: Entry) => string }) {
  const { t } = useTranslation("dashboard");
  const countColumns = useCountColumns();
  const dimensionName = new Map(dimensions.map((d) => [d.key, name(d)]));
  return (
    <DataTable
      striped
      withTableBorder
      verticalSpacing={4}
      aria-label={t("satisfaction.by.item")}
      minWidth={800}
      columns={[t("satisfaction.col.dimension"), t("satisfaction.col.item"), ...countColumns]}
      rows={items}
      empty={t("empty", { ns: "common" })}
    >
      {(item) => (
        <Table.Tr key={item.key}>
          <Table.Td>{dimensionName.get(item.dimension) ?? item.dimension}</Table.Td>
          <Table.Td>{name(item)}</Table.Td>
          <CountCells entry={item} />
        </Table.Tr>
      )}
    </DataTable>
  );
}
