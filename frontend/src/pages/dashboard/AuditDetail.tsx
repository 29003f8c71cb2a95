/** One audit: its seed and sample, each sampled complaint's verdict and note (auditors and
 * administrators mark them), and whether the month's pass rate falls below the threshold. */
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fetchApi, intake, must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { ErrorAlert, QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { useActorName } from "../../api/actors";
import { isBelow, useAuditRule } from "./auditRule";
import { useAgencyName } from "./filters";

type Audit = ScoringSchemas["AuditOut"];
type Item = ScoringSchemas["ItemOut"];

/** The audit with its seed exactly as stored: seeds go up to 2^63, beyond what a JavaScript number
 * holds, so the seed is read from the response's text rather than from the parsed number. */
interface Loaded {
  audit: Audit;
  seed: string;
}

export function exactSeed(body: string, fallback: number): string {
  return /"seed"\s*:\s*(\d+)/.exec(body)?.[1] ?? String(fallback);
}

async function loadAudit(id: string): Promise<Loaded> {
  const response = await fetchApi(`/api/scoring/v1/audits/${encodeURIComponent(id)}`);
  const body = await response.text();
  const audit = JSON.parse(body) as Audit;
  return { audit, seed: exactSeed(body, audit.seed) };
}

export function AuditDetail({ id }: { id: string }) {
  const audit = useQuery({ queryKey: ["audit", id], queryFn: () => loadAudit(id) });
  return <QueryState query={audit}>{(data) => <AuditView audit={data.audit} seed={data.seed} />}</QueryState>;
}

/** Each sampled complaint's title, from intake (the audit keeps the ticket number only). */
function useTitles(items: readonly Item[]): Map<string, string> {
  const results = useQueries({
    queries: items.map((item) => ({
      queryKey: ["complaint-title", item.ticket_no],
      queryFn: () => must(intake.GET("/v1/complaints", { params: { query: { ticket_no: item.ticket_no, limit: 1 } } })),
      staleTime: 10 * 60_000,
    })),
  });
  const titles = new Map<string, string>();
  results.forEach((result, i) => {
    const found = result.data?.items[0];
    const item = items[i];
    if (found && item) titles.set(item.ticket_no, found.title);
  });
  return titles;
}

function AuditView({ audit, seed }: { audit: Audit; seed: string }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const { hasRole } = useAuth();
  const canJudge = hasRole("auditor", "administrator");
  const rule = useAuditRule();
  const agencyName = useAgencyName();
  const titles = useTitles(audit.items);
  const actorName = useActorName(audit.items.map((item) => item.reviewed_by));
  const judged = audit.passed + audit.failed;
  const below = isBelow(audit.pass_percent, rule);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="audit-title">
          {t("audits.detailTitle", { agency: agencyName(audit.agency), month: format.month(audit.month) })}
        </Title>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Fact label={t("audits.seed")} value={<span data-testid="audit-seed">{format.digits(seed)}</span>} />
          <Fact label={t("audits.population")} value={format.number(audit.population)} />
          <Fact label={t("audits.sampleSize")} value={format.number(audit.sample_size)} />
          <Fact
            label={t("audits.judged")}
            value={t("audits.judgedOf", { judged: format.number(judged), total: format.number(audit.sample_size) })}
          />
        </SimpleGrid>
        <Group gap="md" align="center">
          <Text fw={600}>
            {t("audits.passPercent")}:{" "}
            <span data-testid="audit-pass-percent">{format.percent(audit.pass_percent)}</span>
          </Text>
          <Text size="sm" c="dimmed">
            {t("audits.passedFailed", { passed: format.number(audit.passed), failed: format.number(audit.failed) })}
          </Text>
          {audit.pass_percent !== null && (
            <Badge color={below ? "red" : "green"} variant="light" size="lg" data-testid="audit-verdict">
              {below
                ? t("audits.below", { threshold: format.number(rule.thresholdPercent), points: format.number(rule.points, 2) })
                : t("audits.notBelow", { threshold: format.number(rule.thresholdPercent) })}
            </Badge>
          )}
        </Group>
        {!canJudge && (
          <Text size="sm" c="dimmed">
            {t("audits.readOnly")}
          </Text>
        )}
        {audit.items.length === 0 ? (
          <Text c="dimmed">{t("audits.emptySample")}</Text>
        ) : (
          <DataTable
            striped
            withTableBorder
            verticalSpacing={6}
            aria-label={t("audits.sampleTable")}
            minWidth={900}
            columns={[t("audits.ticket"), t("audits.complaintTitle"), t("audits.verdict"), t("audits.note"), t("audits.reviewed")]}
            rows={audit.items}
          >
            {(item) => (
              <ItemRow
                key={item.complaint_id}
                auditId={audit.id}
                item={item}
                title={titles.get(item.ticket_no)}
                canJudge={canJudge}
                actorName={actorName}
              />
            )}
          </DataTable>
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

function VerdictBadge({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation("dashboard");
  if (passed === null) return <Badge variant="light" color="gray">{t("audits.notJudged")}</Badge>;
  return (
    <Badge variant="light" color={passed ? "green" : "red"}>
      {passed ? t("audits.pass") : t("audits.fail")}
    </Badge>
  );
}

interface ItemRowProps {
  auditId: string;
  item: Item;
  title: string | undefined;
  canJudge: boolean;
  actorName: (ref: string | null | undefined) => string;
}

function ItemRow({ auditId, item, title, canJudge, actorName }: ItemRowProps) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [note, setNote] = useState(item.note ?? "");
  const judge = useMutation({
    mutationFn: (passed: boolean) =>
      must(
        scoring.PUT("/v1/audits/{audit_id}/items/{complaint_id}", {
          params: { path: { audit_id: auditId, complaint_id: item.complaint_id } },
          body: { passed, note: note.trim() === "" ? null : note },
        }),
      ),
    onSuccess: (audit) => {
      // The verdicts from the answer; the seed as read before (the answer's number is rounded).
      queryClient.setQueryData<Loaded>(["audit", auditId], (old) => ({ audit, seed: old?.seed ?? String(audit.seed) }));
      void queryClient.invalidateQueries({ queryKey: ["audits"] });
    },
  });
  const noteError = errorText(judge.error, "note");

  return (
    <Table.Tr data-testid="audit-item">
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Anchor component={Link} to={`/complaints/${item.complaint_id}`}>
          {format.digits(item.ticket_no)}
        </Anchor>
      </Table.Td>
      <Table.Td>{title ?? "…"}</Table.Td>
      <Table.Td>
        <VerdictBadge passed={item.passed} />
      </Table.Td>
      <Table.Td>
        {canJudge ? (
          <Stack gap={4}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <TextInput
                aria-label={t("audits.noteFor", { ticket: item.ticket_no })}
                placeholder={t("audits.note")}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={noteError}
                size="xs"
                w={220}
                maxLength={2000}
              />
              <Button
                size="xs"
                color="green"
                variant={item.passed === true ? "filled" : "light"}
                aria-pressed={item.passed === true}
                onClick={() => judge.mutate(true)}
                loading={judge.isPending && judge.variables === true}
              >
                {t("audits.pass")}
              </Button>
              <Button
                size="xs"
                color="red"
                variant={item.passed === false ? "filled" : "light"}
                aria-pressed={item.passed === false}
                onClick={() => judge.mutate(false)}
                loading={judge.isPending && judge.variables === false}
              >
                {t("audits.fail")}
              </Button>
            </Group>
            {judge.error && !noteError ? <ErrorAlert error={judge.error} /> : null}
          </Stack>
        ) : (
          <Text size="sm">{item.note ?? "–"}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {item.reviewed_at ? (
          <Text size="xs" c="dimmed">
            {actorName(item.reviewed_by)} · {format.dateTime(item.reviewed_at)}
          </Text>
        ) : (
          "–"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Shown when a month was sampled already: the way to open that audit. */
export function ExistingAudit({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation("dashboard");
  return (
    <Alert color="yellow" role="status">
      <Group gap="sm">
        <Text size="sm">{t("audits.exists")}</Text>
        <Button size="xs" variant="light" onClick={onOpen}>
          {t("audits.openExisting")}
        </Button>
      </Group>
    </Alert>
  );
}
