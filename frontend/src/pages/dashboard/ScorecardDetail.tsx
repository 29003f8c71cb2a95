/** One agency's scorecard: each step with its counts, score and deductions (and why), the total;
 * for ladder schemes (form 7.2) each KPI with its ladder, result and score. */
import { Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ScoringSchemas } from "../../api/types";
import { DataTable, numberColumn } from "../../components/DataTable";
import { useFormat } from "../../format";

type Scorecard = ScoringSchemas["ScorecardOut"];
type Step = ScoringSchemas["StepOut"];
type Kpi = Scorecard["ladder"][number];

/** Scores are shown as the API gives them: 4 places. */
export const SCORE_PLACES = 4;

export function ScorecardDetail({ card, title }: { card: Scorecard; title: string }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const hasSteps = card.steps.length > 0;
  const hasLadder = card.ladder.length > 0;

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {t("scorecards.counted", { n: format.number(card.counted) })}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text size="sm" c="dimmed">
              {hasSteps ? t("scorecards.total") : t("scorecards.weightedScore")}
            </Text>
            <Text fz={28} fw={700} lh={1.2} data-testid="scorecard-total">
              {hasSteps
                ? t("scorecards.outOf", {
                    score: format.number(Number(card.total), SCORE_PLACES),
                    max: format.number(Number(card.max_total)),
                  })
                : card.weighted_score === null
                  ? "–"
                  : t("scorecards.outOf", { score: format.number(Number(card.weighted_score), SCORE_PLACES), max: format.number(5) })}
            </Text>
          </Stack>
        </Group>

        {hasSteps && <StepsTable steps={card.steps} />}
        {hasSteps && <DeductionsTable steps={card.steps} />}
        {hasLadder && <LadderTable ladder={card.ladder} />}
      </Stack>
    </Paper>
  );
}

/** A step's or a KPI's score, as the API gives it. */
function ScoreCell({ score }: { score: string }) {
  const format = useFormat();
  return (
    <Table.Td ta="right" fw={600}>
      {format.number(Number(score), SCORE_PLACES)}
    </Table.Td>
  );
}

function StepsTable({ steps }: { steps: readonly Step[] }) {
  const { t, i18n } = useTranslation("dashboard");
  const format = useFormat();
  const english = i18n.language === "en";
  return (
    <DataTable
      striped
      withTableBorder
      verticalSpacing={6}
      aria-label={t("scorecards.stepsTable")}
      minWidth={820}
      columns={[
        t("step.name"),
        numberColumn(t("step.points")),
        numberColumn(t("step.counted")),
        numberColumn(t("step.correct")),
        numberColumn(t("step.percent")),
        numberColumn(t("step.before")),
        numberColumn(t("step.deductions")),
        numberColumn(t("step.score")),
      ]}
      rows={steps}
    >
      {(step) => {
        const deducted = step.deductions.reduce((sum, d) => sum + Number(d.points), 0);
        // The monthly-report step is not counted in complaints: only its deductions matter.
        const counts = step.criterion !== "monthly_reports";
        return (
          <Table.Tr key={step.key} data-testid="scorecard-step">
            <Table.Td>{english ? step.name_en : step.name_th}</Table.Td>
            <Table.Td ta="right">{format.number(Number(step.points))}</Table.Td>
            <Table.Td ta="right">{counts ? format.number(step.counted) : "–"}</Table.Td>
            <Table.Td ta="right">{counts ? format.number(step.correct) : "–"}</Table.Td>
            <Table.Td ta="right">{format.percent(step.percent)}</Table.Td>
            <Table.Td ta="right">{format.number(Number(step.score_before_deductions), SCORE_PLACES)}</Table.Td>
            <Table.Td ta="right" c={deducted > 0 ? "red" : undefined}>
              {deducted > 0
                ? t("step.deductedTimes", { points: format.number(deducted, 2), n: format.number(step.deductions.length) })
                : "–"}
            </Table.Td>
            <ScoreCell score={step.score} />
          </Table.Tr>
        );
      }}
    </DataTable>
  );
}

function LadderTable({ ladder }: { ladder: readonly Kpi[] }) {
  const { t, i18n } = useTranslation("dashboard");
  const format = useFormat();
  const english = i18n.language === "en";
  return (
    <DataTable
      striped
      withTableBorder
      verticalSpacing={6}
      aria-label={t("scorecards.ladderTable")}
      minWidth={900}
      columns={[
        t("ladder.dimension"),
        t("ladder.kpi"),
        numberColumn(t("ladder.baseline")),
        numberColumn(t("ladder.target")),
        numberColumn(t("ladder.weight")),
        t("ladder.levels"),
        numberColumn(t("ladder.result")),
        numberColumn(t("ladder.score")),
      ]}
      rows={ladder}
    >
      {(kpi) => (
        <Table.Tr key={kpi.key} data-testid="scorecard-kpi">
          <Table.Td>{format.digits(kpi.dimension)}</Table.Td>
          <Table.Td>
            <Text size="sm">{english ? kpi.name_en : kpi.name_th}</Text>
            <Text size="xs" c="dimmed">
              {t(`ladder.mode.${kpi.mode}`, { defaultValue: kpi.mode })} ·{" "}
              {t(`ladder.direction.${kpi.direction}`, { defaultValue: kpi.direction })}
            </Text>
          </Table.Td>
          <Table.Td ta="right">{kpi.baseline === null ? "–" : format.number(Number(kpi.baseline))}</Table.Td>
          <Table.Td ta="right">{format.number(Number(kpi.target))}</Table.Td>
          <Table.Td ta="right">{format.number(Number(kpi.weight))}</Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>
            {kpi.levels.map((level, i) => (
              <Text key={i} span size="sm" mr={10} title={t("ladder.level", { n: format.number(i + 1) })}>
                <Text span size="xs" c="dimmed">
                  {format.number(i + 1)}:
                </Text>{" "}
                {format.number(Number(level))}
              </Text>
            ))}
          </Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
            {kpi.result === null ? t("ladder.noResult") : format.percent(kpi.result)}
          </Table.Td>
          <ScoreCell score={kpi.score} />
        </Table.Tr>
      )}
    </DataTable>
  );
}

function DeductionsTable({ steps }: { steps: readonly Step[] }) {
  const { t, i18n } = useTranslation("dashboard");
  const format = useFormat();
  const english = i18n.language === "en";
  const rows = steps.flatMap((step) => step.deductions.map((deduction, i) => ({ step, deduction, key: `${step.key}-${i}` })));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("scorecards.noDeductions")}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">
        {t("scorecards.deductionsTitle")}
      </Title>
      <DataTable
        withTableBorder
        verticalSpacing={4}
        stickyHeader
        aria-label={t("scorecards.deductionsTitle")}
        minWidth={640}
        maxHeight={260}
        columns={[t("step.name"), t("deduction.month"), t("deduction.reason"), numberColumn(t("deduction.points"))]}
        rows={rows}
      >
        {({ step, deduction, key }) => (
          <Table.Tr key={key} data-testid="scorecard-deduction">
            <Table.Td>{english ? step.name_en : step.name_th}</Table.Td>
            <Table.Td>{deduction.month ? format.month(deduction.month) : "–"}</Table.Td>
            <Table.Td>{format.digits(english ? deduction.reason_en : deduction.reason_th)}</Table.Td>
            <Table.Td ta="right" c="red">
              −{format.number(Number(deduction.points), 2)}
            </Table.Td>
          </Table.Tr>
        )}
      </DataTable>
    </Stack>
  );
}
