/** The complaint's deadlines per agency assignment, from scoring: acknowledgement, first progress
 * report, the follow-up checkpoints (15th / 30th), completion — each met, missed, due or pending. */
import { Badge, Box, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { ScoringSchemas } from "../../api/types";
import { ErrorAlert, Loading } from "../../components/states";
import { today, useFormat } from "../../format";
import { URGENCY_COLOR, urgencyOf, useDeadlineLabel } from "../work/deadline";

type Sla = ScoringSchemas["ComplaintSla"];
type Assignment = ScoringSchemas["AssignmentSla"];
type ApiState = ScoringSchemas["Deadline"]["state"];
type Day = ScoringSchemas["DayOut"];
type Rule = "last_working_day" | "last_day";

/** What the screen (and the end-to-end test, through `data-state`) calls each checkpoint. */
export type CheckpointState = "met" | "missed" | "due" | "pending";

export function checkpointState(state: ApiState): CheckpointState {
  switch (state) {
    case "met":
    case "missed":
      return state;
    case "due":
    case "overdue":
      return "due";
    case "not_required":
      return "pending";
  }
}

const bangkokDay = (moment: string): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok" }).format(new Date(moment));

/** Working days in (start, end]; the negated count of (end, start] when end is before start — as scoring counts. */
export function workingDaysBetween(days: readonly Day[], start: string, end: string): number {
  const [low, high, sign] = end >= start ? [start, end, 1] : [end, start, -1];
  return sign * days.filter((d) => d.working && d.date > low && d.date <= high).length;
}

/** The fingerprint of an SLA answer without its clock, to tell when scoring has taken in an event. */
export function slaFingerprint(sla: Sla | undefined): string {
  return sla === undefined ? "" : JSON.stringify({ ...sla, as_of: undefined });
}

export function useSla(complaintId: string, pollEvery: number | false) {
  return useQuery({
    queryKey: ["sla", complaintId],
    queryFn: () => must(scoring.GET("/v1/complaints/{complaint_id}/sla", { params: { path: { complaint_id: complaintId } } })),
    refetchInterval: pollEvery,
  });
}

/** The calendar around the open deadlines, to say how many working days are left. */
function useWorkingDays(sla: Sla | undefined) {
  const open = (sla?.assignments ?? []).flatMap((a) =>
    [a.acknowledgement, a.first_report, ...Object.values(a.checkpoints).flat()]
      .filter((d) => (d.state === "due" || d.state === "overdue") && d.due)
      .map((d) => bangkokDay(d.due as string)),
  );
  const now = today();
  const from = [now, ...open].sort()[0] ?? now;
  const to = [now, ...open].sort().at(-1) ?? now;
  const query = useQuery({
    queryKey: ["calendar", from, to],
    queryFn: () => must(scoring.GET("/v1/calendar", { params: { query: { from, to } } })),
    enabled: open.length > 0,
    staleTime: 60 * 60_000,
  });
  return query.data;
}

interface Props {
  sla: ReturnType<typeof useSla>;
  agencyName: (code: string | null | undefined) => string;
  /** Waiting for scoring to take in an event just recorded. */
  catchingUp: boolean;
}

export function SlaPanel({ sla, agencyName, catchingUp }: Props) {
  const { t } = useTranslation("work");
  const [rule, setRule] = useState<Rule>("last_working_day");
  const days = useWorkingDays(sla.data);

  let body;
  if (sla.isPending) body = <Loading />;
  else if (sla.error instanceof ApiError && sla.error.status === 404) body = <Text c="dimmed">{t("sla.notYet")}</Text>;
  else if (sla.error) body = <ErrorAlert error={sla.error} onRetry={() => void sla.refetch()} />;
  else if (sla.data.assignments.length === 0) body = <Text c="dimmed">{t("sla.notForwarded")}</Text>;
  else {
    const rulesDiffer = sla.data.assignments.some(
      (a) => JSON.stringify(a.checkpoints.last_day ?? []) !== JSON.stringify(a.checkpoints.last_working_day ?? []),
    );
    body = (
      <Stack gap="sm">
        {rulesDiffer && (
          <SegmentedControl
            size="xs"
            aria-label={t("sla.februaryRule")}
            value={rule}
            onChange={(value) => setRule(value as Rule)}
            data={[
              { value: "last_working_day", label: t("sla.rule.last_working_day") },
              { value: "last_day", label: t("sla.rule.last_day") },
            ]}
          />
        )}
        {sla.data.assignments.map((assignment) => (
          <AssignmentCard key={assignment.number} assignment={assignment} rule={rule} days={days} agencyName={agencyName} />
        ))}
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sla-title" data-testid="sla">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} size="h4" id="sla-title">
          {t("sla.title")}
        </Title>
        {catchingUp && (
          <Group gap={6} role="status" wrap="nowrap">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t("sla.catchingUp")}
            </Text>
          </Group>
        )}
      </Group>
      {body}
    </Paper>
  );
}

function AssignmentCard({
  assignment,
  rule,
  days,
  agencyName,
}: {
  assignment: Assignment;
  rule: Rule;
  days: Day[] | undefined;
  agencyName: (code: string | null | undefined) => string;
}) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const checkpoints = assignment.checkpoints[rule] ?? [];
  return (
    <Box data-testid="sla-assignment" data-agency={assignment.agency}>
      <Text fw={600}>{agencyName(assignment.agency)}</Text>
      <Text size="xs" c="dimmed">
        {assignment.via === "transferred"
          ? t("sla.transferredIn", { date: format.dateTime(assignment.forwarded_at), from: agencyName(assignment.from_agency) })
          : t("sla.forwardedAt", { date: format.dateTime(assignment.forwarded_at) })}
      </Text>
      <Stack component="ul" gap={6} mt="xs" p={0} style={{ listStyle: "none" }}>
        <Checkpoint kind="acknowledgement" label={t("sla.acknowledgement")} due={assignment.acknowledgement.due} at={assignment.acknowledgement.at} state={assignment.acknowledgement.state} days={days} />
        <Checkpoint kind="first_report" label={t("sla.firstReport")} due={assignment.first_report.due} at={assignment.first_report.at} state={assignment.first_report.state} days={days} />
        {checkpoints.map((c) => (
          <Checkpoint key={c.day} kind="checkpoint" label={t("sla.checkpoint", { date: format.date(c.day) })} due={c.due} at={c.reported_at} state={c.state} days={days} />
        ))}
        {/* An agency that passed the complaint on is not expected to complete it. */}
        {!assignment.transferred_at && (
          <Checkpoint
            kind="completion"
            label={t("sla.completion")}
            due={null}
            at={assignment.completed_at}
            state={assignment.completed_at ? "met" : "not_required"}
            days={days}
          />
        )}
      </Stack>
      {assignment.transferred_at && (
        <Text size="sm" mt={6}>
          {t("sla.transferredOut", { date: format.dateTime(assignment.transferred_at), to: agencyName(assignment.transferred_to) })}
        </Text>
      )}
      {assignment.concluded_at && (
        <Text size="sm" mt={6}>
          {t("sla.concludedAt", { date: format.dateTime(assignment.concluded_at) })}
        </Text>
      )}
    </Box>
  );
}

const STATE_COLOR: Record<Exclude<CheckpointState, "due">, string> = { met: "green", missed: "red", pending: "gray" };

function Checkpoint({
  kind,
  label,
  due,
  at,
  state,
  days,
}: {
  kind: "acknowledgement" | "first_report" | "checkpoint" | "completion";
  label: string;
  due: string | null | undefined;
  at: string | null | undefined;
  state: ApiState;
  days: Day[] | undefined;
}) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const deadline = useDeadlineLabel();
  const shown = checkpointState(state);
  let badge: { text: string; color: string };
  if (shown === "due" && due) {
    const left = days ? workingDaysBetween(days, today(), bangkokDay(due)) : undefined;
    const urgency = urgencyOf(state === "overdue", left ?? 0);
    badge = {
      text: left === undefined ? t(state === "overdue" ? "deadline.overdue" : "sla.state.due") : deadline(urgency, left),
      color: URGENCY_COLOR[urgency],
    };
  } else {
    badge = { text: t(`sla.state.${shown}`), color: STATE_COLOR[shown === "due" ? "pending" : shown] };
  }
  return (
    <Group component="li" data-testid="sla-checkpoint" data-state={shown} data-kind={kind} justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
      <Box miw={0}>
        <Text size="sm">{label}</Text>
        <Text size="xs" c="dimmed">
          {[due ? t("sla.due", { date: format.dateTime(due) }) : null, at ? t("sla.doneAt", { date: format.dateTime(at) }) : null]
            .filter(Boolean)
            .join(" · ") || t(kind === "completion" ? "sla.notCompleted" : kind === "first_report" ? "sla.afterAcknowledgement" : "sla.noDeadline")}
        </Text>
      </Box>
      <Badge color={badge.color} variant={shown === "pending" ? "outline" : "light"} style={{ flexShrink: 0 }}>
        {badge.text}
      </Badge>
    </Group>
  );
}
