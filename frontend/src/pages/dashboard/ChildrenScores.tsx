/** A parent agency's children side by side: a sortable table of their scores (a row opens the
 * child's detail) and a bar chart of the totals. */
import { Center, Grid, ScrollArea, Table, Text, UnstyledButton } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ScoringSchemas } from "../../api/types";
import { Chart } from "../../components/Chart";
import { useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { SCORE_PLACES } from "./ScorecardDetail";
import { CHART_TEXT, TOOLTIP_TEXT } from "./chartStyle";

type Scorecard = ScoringSchemas["ScorecardOut"];

/** What a card is ranked by: its total, or the weighted ladder score when the scheme has no steps. */
export function headline(card: Scorecard): number | null {
  if (card.steps.length > 0) return Number(card.total);
  return card.weighted_score === null ? null : Number(card.weighted_score);
}

type SortKey = "name" | "counted" | "total" | `step:${string}`;
interface Sort {
  key: SortKey;
  descending: boolean;
}

function sortValue(card: Scorecard, key: SortKey, name: string): string | number {
  if (key === "name") return name;
  if (key === "counted") return card.counted;
  if (key === "total") return headline(card) ?? -1;
  const step = card.steps.find((s) => `step:${s.key}` === key);
  return step ? Number(step.score) : -1;
}

export function ChildrenScores({
  cards,
  nameOf,
  selected,
  onSelect,
}: {
  cards: readonly Scorecard[];
  /** Stable between renders (see useAgencyName). */
  nameOf: (card: Scorecard) => string;
  selected: string | null;
  onSelect: (agency: string) => void;
}) {
  const { t, i18n } = useTranslation("dashboard");
  const format = useFormat();
  const prefs = usePrefs();
  const english = i18n.language === "en";
  const [sort, setSort] = useState<Sort>({ key: "total", descending: true });
  const steps = cards[0]?.steps ?? [];
  const hasSteps = steps.length > 0;

  const sorted = useMemo(() => {
    const rows = [...cards];
    rows.sort((a, b) => {
      const x = sortValue(a, sort.key, nameOf(a));
      const y = sortValue(b, sort.key, nameOf(b));
      const order = typeof x === "string" && typeof y === "string" ? x.localeCompare(y, "th") : Number(x) - Number(y);
      return sort.descending ? -order : order;
    });
    return rows;
  }, [cards, sort, nameOf]);

  const toggle = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" }));

  const header = (key: SortKey, label: string, right = true) => {
    const active = sort.key === key;
    return (
      <Table.Th key={key} ta={right ? "right" : undefined} aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
        <UnstyledButton onClick={() => toggle(key)} fz="sm" fw={700}>
          {label} {active ? (sort.descending ? "▼" : "▲") : ""}
        </UnstyledButton>
      </Table.Th>
    );
  };

  const byScore = useMemo(() => [...cards].sort((a, b) => (headline(a) ?? 0) - (headline(b) ?? 0)), [cards]);
  const chartHeight = Math.max(240, byScore.length * 22 + 60);
  const chartNames = byScore.map(nameOf).join("|");
  const option = useMemo(
    () => ({
      ...CHART_TEXT,
      grid: { left: 8, right: 48, top: 16, bottom: 16, containLabel: true },
      tooltip: {
        ...TOOLTIP_TEXT,
        trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => format.number(v, SCORE_PLACES) },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => format.number(v) } },
      yAxis: {
        type: "category",
        data: byScore.map(nameOf),
        axisLabel: { width: 170, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: hasSteps ? t("scorecards.total") : t("scorecards.weightedScore"),
          data: byScore.map((card) => ({
            value: headline(card) ?? 0,
            itemStyle: card.agency === selected ? { color: "#e8590c" } : undefined,
          })),
          label: { show: true, position: "right", formatter: ({ value }: { value: number }) => format.number(value, 2) },
        },
      ],
    }),
    // `format` follows the prefs listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [byScore, nameOf, selected, hasSteps, t, prefs.language, prefs.thaiDigits],
  );

  if (cards.length === 0) {
    return (
      <Center py="md">
        <Text c="dimmed">{t("scorecards.noChildren")}</Text>
      </Center>
    );
  }

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <ScrollArea.Autosize mah={460} type="auto">
          <Table striped highlightOnHover withTableBorder stickyHeader verticalSpacing={4} aria-label={t("scorecards.childrenTable")}>
            <Table.Thead>
              <Table.Tr>
                {header("name", t("scorecards.agency"), false)}
                {header("counted", t("step.counted"))}
                {steps.map((step) => header(`step:${step.key}`, english ? step.name_en : step.name_th))}
                {header("total", hasSteps ? t("scorecards.total") : t("scorecards.weightedScore"))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((card) => {
                const score = headline(card);
                const isSelected = card.agency === selected;
                return (
                  <Table.Tr key={card.agency} bg={isSelected ? "var(--mantine-color-indigo-light)" : undefined} data-testid="scorecard-child">
                    <Table.Td>
                      <UnstyledButton
                        onClick={() => onSelect(card.agency)}
                        aria-pressed={isSelected}
                        fz="sm"
                        c="var(--mantine-color-anchor)"
                        td="underline"
                      >
                        {nameOf(card)}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td ta="right">{format.number(card.counted)}</Table.Td>
                    {steps.map((step) => {
                      const own = card.steps.find((s) => s.key === step.key);
                      return (
                        <Table.Td key={step.key} ta="right">
                          {own ? format.number(Number(own.score), SCORE_PLACES) : "–"}
                        </Table.Td>
                      );
                    })}
                    <Table.Td ta="right" fw={600}>
                      {score === null ? "–" : format.number(score, SCORE_PLACES)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <ScrollArea h={460} type="auto">
          {/* Keyed by the names, which may arrive before ECharts has loaded (see Statistics). */}
          <Chart key={chartNames} option={option} height={chartHeight} label={t("scorecards.chartLabel")} />
        </ScrollArea>
      </Grid.Col>
    </Grid>
  );
}
