/** An agency's monthly summary reports for a fiscal year: for each month Oct…Sep whether it was
 * submitted by the 10th of the next month; and the way to prepare, download and submit one. */
import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { AppModal } from "../../components/AppModal";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { useAuth, useUser } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import { useActorName } from "../../api/actors";
import { AgencySelect, FiscalYearSelect, useAgencyName } from "./filters";
import { hasBegun, monthlyStatuses, type MonthState, DUE_DAY } from "./monthlyStatus";
import { firstDay } from "./months";
import { PrepareMonthly } from "./PrepareMonthly";

const STATE_COLORS: Record<MonthState, string> = { on_time: "green", late: "orange", missing: "red", not_yet_due: "gray" };

export function MonthStateBadge({ state }: { state: MonthState }) {
  const { t } = useTranslation("dashboard");
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {t(`monthly.state.${state}`)}
    </Badge>
  );
}

export default function MonthlyReports() {
  const { t } = useTranslation(["dashboard", "common"]);
  const format = useFormat();
  const user = useUser();
  const { hasRole } = useAuth();
  const canSubmit = hasRole("agency_officer", "supervisor", "administrator");
  const [agency, setAgency] = useState(user.agency.code);
  const [fy, setFy] = useState(fiscalYear);
  const [preparing, setPreparing] = useState<string | null>(null);
  const agencyName = useAgencyName();

  const submissions = useQuery({
    queryKey: ["monthly-reports", agency],
    queryFn: () => must(scoring.GET("/v1/monthly-reports", { params: { query: { agency } } })),
  });
  const actorName = useActorName((submissions.data ?? []).map((s) => s.recorded_by));

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.monthly", { ns: "common" })}</Title>
      <Text size="sm" c="dimmed">
        {t("monthly.rule", { day: format.number(DUE_DAY) })}
      </Text>
      <Group align="flex-end" gap="md" wrap="wrap">
        <AgencySelect value={agency} onChange={setAgency} />
        <FiscalYearSelect value={fy} onChange={setFy} />
      </Group>
      <QueryState query={submissions}>
        {(data) => {
          const now = new Date();
          const months = monthlyStatuses(fy, data, now);
          const count = (state: MonthState) => months.filter((m) => m.state === state).length;
          return (
            <Stack gap="sm">
              <Group gap="xs" data-testid="monthly-summary">
                {(["on_time", "late", "missing", "not_yet_due"] as const).map((state) => (
                  <Badge key={state} color={STATE_COLORS[state]} variant="outline" size="lg">
                    {t(`monthly.state.${state}`)}: {format.number(count(state))}
                  </Badge>
                ))}
              </Group>
              <DataTable
                striped
                withTableBorder
                verticalSpacing={6}
                aria-label={t("monthly.tableLabel", { agency: agencyName(agency) })}
                minWidth={760}
                columns={[
                  t("monthly.month"),
                  t("monthly.due"),
                  t("monthly.submittedAt"),
                  t("monthly.status"),
                  t("monthly.recordedBy"),
                  ...(canSubmit ? [t("monthly.action")] : []),
                ]}
                rows={months}
              >
                {(m) => (
                  <Table.Tr key={m.month} data-testid="monthly-row" data-state={m.state}>
                    <Table.Td>{format.month(firstDay(m.month))}</Table.Td>
                    <Table.Td>{format.date(m.due)}</Table.Td>
                    <Table.Td>{m.submittedAt ? format.dateTime(m.submittedAt) : "–"}</Table.Td>
                    <Table.Td>
                      <MonthStateBadge state={m.state} />
                    </Table.Td>
                    <Table.Td>{actorName(m.recordedBy)}</Table.Td>
                    {canSubmit && (
                      <Table.Td>
                        {m.submittedAt === null && hasBegun(m.month, now) && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setPreparing(m.month)}
                            aria-label={t("monthly.prepareFor", { month: format.month(firstDay(m.month)) })}
                          >
                            {t("monthly.prepare")}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                )}
              </DataTable>
            </Stack>
          );
        }}
      </QueryState>
      <AppModal
        opened={preparing !== null}
        onClose={() => setPreparing(null)}
        size="lg"
        title={preparing ? t("monthly.prepareTitle", { month: format.month(firstDay(preparing)), agency: agencyName(agency) }) : ""}
      >
        {preparing && <PrepareMonthly key={`${agency}-${preparing}`} agency={agency} month={preparing} />}
      </AppModal>
    </Stack>
  );
}
