/** KPI scorecards (SPEC §5) of an agency for a scheme and fiscal year. A parent agency shows its
 * roll-up and its children side by side; choosing a child shows the child's detail. Read-only for
 * every role that can open it. */
import { Group, Select, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { useUser } from "../../auth/AuthContext";
import { Empty, QueryState } from "../../components/states";
import { fiscalYear, useFormat } from "../../format";
import { ChildrenScores } from "./ChildrenScores";
import { AgencySelect, FiscalYearSelect, useAgencyName } from "./filters";
import { MonthlyTrend } from "./MonthlyTrend";
import { ScorecardDetail } from "./ScorecardDetail";

type Scorecard = ScoringSchemas["ScorecardOut"];

const DEFAULT_SCHEME = "bma-2557";

function schemeName(definition: Record<string, unknown>, english: boolean): string | undefined {
  const name = english ? (definition.name_en ?? definition.name_th) : definition.name_th;
  return typeof name === "string" ? name : undefined;
}

export default function Scorecards() {
  const { t, i18n } = useTranslation(["dashboard", "common"]);
  const format = useFormat();
  const user = useUser();
  const english = i18n.language === "en";
  const [scheme, setScheme] = useState(DEFAULT_SCHEME);
  const [fy, setFy] = useState(fiscalYear);
  const [agency, setAgency] = useState(user.agency.code);
  const [child, setChild] = useState<string | null>(null);
  const agencyName = useAgencyName();
  const nameOf = useCallback((card: Scorecard) => agencyName(card.agency) || card.name_th, [agencyName]);

  const schemes = useQuery({ queryKey: ["schemes"], queryFn: () => must(scoring.GET("/v1/schemes")), staleTime: 10 * 60_000 });
  const scorecards = useQuery({
    queryKey: ["scorecards", scheme, fy, agency],
    queryFn: () => must(scoring.GET("/v1/scorecards", { params: { query: { scheme, fy, agency } } })),
  });

  const schemeOptions = (schemes.data ?? []).map((s) => ({
    value: s.code,
    label: `${s.code} — ${schemeName(s.definition, english) ?? s.code}`,
  }));
  if (!schemeOptions.some((o) => o.value === scheme)) schemeOptions.unshift({ value: scheme, label: scheme });

  const chooseAgency = (code: string) => {
    setAgency(code);
    setChild(null);
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t("nav.scorecards", { ns: "common" })}</Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t("filters.scheme")}
          data={schemeOptions}
          value={scheme}
          onChange={(code) => code !== null && setScheme(code)}
          allowDeselect={false}
          w={420}
          comboboxProps={{ width: 520, position: "bottom-start" }}
        />
        <FiscalYearSelect value={fy} onChange={setFy} />
        <AgencySelect value={agency} onChange={chooseAgency} />
      </Group>

      <QueryState query={scorecards}>
        {(data) => {
          const single = data.rollup === null ? data.scorecards[0] : undefined;
          const selected = data.rollup !== null ? data.scorecards.find((c) => c.agency === child) : undefined;
          return (
            <Stack gap="md">
              <Text size="sm" c="dimmed" data-testid="scorecard-meta">
                {t("scorecards.meta", {
                  scheme: data.scheme,
                  version: format.digits(String(data.scheme_version)),
                  fy: format.digits(String(data.fiscal_year)),
                  asOf: format.dateTime(data.as_of),
                })}
              </Text>
              {data.rollup !== null && (
                <>
                  <ScorecardDetail card={data.rollup} title={t("scorecards.rollupTitle", { agency: nameOf(data.rollup) })} />
                  <Title order={3} size="h4">
                    {t("scorecards.childrenTitle", { n: format.number(data.scorecards.length) })}
                  </Title>
                  <ChildrenScores cards={data.scorecards} nameOf={nameOf} selected={child} onSelect={setChild} />
                  {selected ? (
                    <ScorecardDetail card={selected} title={nameOf(selected)} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("scorecards.chooseChild")}
                    </Text>
                  )}
                </>
              )}
              {single && <ScorecardDetail card={single} title={nameOf(single)} />}
              {data.rollup === null && !single && <Empty>{t("scorecards.none")}</Empty>}
            </Stack>
          );
        }}
      </QueryState>

      <MonthlyTrend agency={child ?? agency} fy={fy} agencyName={agencyName(child ?? agency)} />
    </Stack>
  );
}
