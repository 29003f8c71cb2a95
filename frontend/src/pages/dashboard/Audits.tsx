/** Audits (SPEC §5.1 step 2): draw a month's reproducible 10 % sample of an agency's completed
 * complaints, see the audits drawn, open one to mark its complaints pass/fail. */
import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { must, scoring } from "../../api/client";
import { ApiError } from "../../api/errors";
import { useAuth, useUser } from "../../auth/AuthContext";
import { DataTable, numberColumn } from "../../components/DataTable";
import { ErrorAlert, QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import { useActorName } from "../../api/actors";
import { AuditDetail, ExistingAudit } from "./AuditDetail";
import { isBelow, useAuditRule } from "./auditRule";
import { AgencySelect, FiscalYearSelect, MonthSelect, useAgencyName } from "./filters";
import { fiscalYearOfMonth } from "./months";

export default function Audits() {
  const { t } = useTranslation(["dashboard", "common"]);
  const format = useFormat();
  const user = useUser();
  const { hasRole } = useAuth();
  const canDraw = hasRole("supervisor", "auditor", "administrator");
  const queryClient = useQueryClient();
  const rule = useAuditRule();
  const agencyName = useAgencyName();
  // The filters and the open audit are in the address, so that a link shows the same audit in its list.
  const [search, setSearch] = useSearchParams();
  const agency = search.get("agency") ?? user.agency.code;
  const fy = Number(search.get("fy")) || fiscalYear();
  const month = search.get("month");
  const open = search.get("audit");
  const update = (change: Record<string, string | null>) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(change)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const openAudit = (id: string) => update({ audit: id });

  const audits = useQuery({
    queryKey: ["audits", agency, month],
    queryFn: () => must(scoring.GET("/v1/audits", { params: { query: { agency, ...(month ? { month } : {}) } } })),
  });
  const actorName = useActorName((audits.data ?? []).map((a) => a.created_by));
  const draw = useMutation({
    mutationFn: (chosen: string) => must(scoring.POST("/v1/audits", { body: { agency, month: chosen } })),
    onSuccess: (audit) => {
      // The detail is read afresh: it keeps the seed exactly (see AuditDetail).
      void queryClient.invalidateQueries({ queryKey: ["audits"] });
      openAudit(audit.id);
    },
  });
  const existingId =
    draw.error instanceof ApiError && draw.error.code === "audit.exists" && typeof draw.error.extra.audit_id === "string"
      ? draw.error.extra.audit_id
      : null;

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.audits", { ns: "common" })}</Title>
      <Text size="sm" c="dimmed">
        {t("audits.rule", { threshold: format.number(rule.thresholdPercent), points: format.number(rule.points, 2) })}
      </Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <AgencySelect
          value={agency}
          onChange={(code) => {
            update({ agency: code });
            draw.reset();
          }}
        />
        <FiscalYearSelect
          value={fy}
          onChange={(value) => update({ fy: String(value), month: null })}
        />
        <MonthSelect
          fy={fy}
          value={month}
          onChange={(value) => {
            update({ month: value });
            draw.reset();
          }}
          clearable
          placeholder={t("audits.allMonths")}
        />
        {canDraw && (
          <Button onClick={() => month && draw.mutate(month)} disabled={month === null} loading={draw.isPending}>
            {t("audits.draw")}
          </Button>
        )}
      </Group>
      {canDraw && month === null && (
        <Text size="xs" c="dimmed">
          {t("audits.chooseMonth")}
        </Text>
      )}
      {existingId ? <ExistingAudit onOpen={() => openAudit(existingId)} /> : draw.error && <ErrorAlert error={draw.error} />}

      <QueryState query={audits}>
        {(data) => {
          // Without a month chosen, the fiscal year's audits.
          const shown = month ? data : data.filter((a) => fiscalYearOfMonth(a.month.slice(0, 7)) === fy);
          if (shown.length === 0) return <Text c="dimmed">{t("audits.none")}</Text>;
          return (
            <DataTable
              striped
              highlightOnHover
              withTableBorder
              verticalSpacing={4}
              aria-label={t("audits.listLabel")}
              minWidth={960}
              columns={[
                t("audits.month"),
                t("filters.agency"),
                numberColumn(t("audits.sampleOfPopulation")),
                numberColumn(t("audits.judged")),
                numberColumn(t("audits.passPercent")),
                t("audits.result"),
                t("audits.drawnBy"),
                "",
              ]}
              rows={shown}
            >
              {(audit) => (
                <Table.Tr key={audit.id} data-testid="audit-row" bg={audit.id === open ? "var(--mantine-color-indigo-light)" : undefined}>
                  <Table.Td>{format.month(audit.month)}</Table.Td>
                  <Table.Td>{agencyName(audit.agency)}</Table.Td>
                  <Table.Td ta="right">
                    {format.number(audit.sample_size)} / {format.number(audit.population)}
                  </Table.Td>
                  <Table.Td ta="right">{format.number(audit.judged)}</Table.Td>
                  <Table.Td ta="right">{format.percent(audit.pass_percent)}</Table.Td>
                  <Table.Td>
                    {audit.pass_percent === null ? (
                      <Badge color="gray" variant="light">
                        {t("audits.notJudged")}
                      </Badge>
                    ) : isBelow(audit.pass_percent, rule) ? (
                      <Badge color="red" variant="light">
                        {t("audits.belowShort", { points: format.number(rule.points, 2) })}
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        {t("audits.passedShort")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {actorName(audit.created_by)} · {format.dateTime(audit.created_at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => openAudit(audit.id)}
                      aria-label={t("audits.openFor", { agency: agencyName(audit.agency), month: format.month(audit.month) })}
                    >
                      {t("audits.open")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            </DataTable>
          );
        }}
      </QueryState>

      {open && <AuditDetail key={open} id={open} />}
    </Stack>
  );
}
