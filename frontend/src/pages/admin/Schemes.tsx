/** The scoring schemes: the latest version of each, any version's definition as JSON and as
 * readable tables of its steps and KPIs, and a new version from a JSON editor. */
import { Alert, Badge, Button, Code, Group, Paper, ScrollArea, Select, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { AppModal } from "../../components/AppModal";
import { DataTable, numberColumn } from "../../components/DataTable";
import { Empty, QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { JSON_FONT, SchemeEditor, formatDefinition } from "./SchemeEditor";
import { useActorName } from "../../api/actors";

type SchemeOut = ScoringSchemas["SchemeOut"];
type Definition = ScoringSchemas["SchemeDefinition"];
type Step = NonNullable<Definition["steps"]>[number];
type Kpi = NonNullable<Definition["ladder"]>[number];

/** The stored definition, read as the schema says it is (it was validated when stored). */
const definitionOf = (scheme: SchemeOut) => scheme.definition as unknown as Definition;

function useSchemeName() {
  const { i18n } = useTranslation();
  return (scheme: SchemeOut) => {
    const d = definitionOf(scheme);
    return i18n.language === "en" && d.name_en ? d.name_en : d.name_th;
  };
}

/** A number of a definition (decimals are stored as strings), or "–" where it has none. */
function useDefinitionNumber() {
  const format = useFormat();
  return (v: number | string | null | undefined) => (v === null || v === undefined ? "–" : format.number(Number(v)));
}

function StepsTable({ steps }: { steps: Step[] }) {
  const { t, i18n } = useTranslation("admin");
  const format = useFormat();
  const num = useDefinitionNumber();
  const english = i18n.language === "en";
  return (
    <DataTable
      striped
      withTableBorder
      aria-label={t("schemes.steps")}
      data-testid="scheme-steps"
      minWidth={800}
      columns={[
        t("schemes.key"),
        t("schemes.name"),
        t("schemes.criterion"),
        numberColumn(t("schemes.points")),
        numberColumn(t("schemes.fullAt")),
        t("schemes.deductions"),
      ]}
      rows={steps}
    >
      {(step) => (
        <Table.Tr key={step.key}>
          <Table.Td ff="monospace">{step.key}</Table.Td>
          <Table.Td>{english ? step.name_en : step.name_th}</Table.Td>
          <Table.Td>
            <Text size="sm">{t(`schemes.criteria.${step.criterion}`, { defaultValue: step.criterion })}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {step.criterion}
            </Text>
          </Table.Td>
          <Table.Td ta="right">{num(step.points)}</Table.Td>
          <Table.Td ta="right">{step.full_at_percent === undefined ? "–" : format.percent(step.full_at_percent)}</Table.Td>
          <Table.Td>
            {(step.deductions ?? []).length === 0
              ? "–"
              : (step.deductions ?? []).map((d, i) => (
                  <Text key={i} size="sm">
                    {d.rule === "monthly_report_late"
                      ? t("schemes.deduction.monthly_report_late", { points: num(d.points), day: num(d.due_day) })
                      : t("schemes.deduction.audit_month_below", { points: num(d.points), percent: format.percent(d.threshold_percent) })}
                  </Text>
                ))}
          </Table.Td>
        </Table.Tr>
      )}
    </DataTable>
  );
}

function LadderTable({ ladder }: { ladder: Kpi[] }) {
  const { t, i18n } = useTranslation("admin");
  const num = useDefinitionNumber();
  const english = i18n.language === "en";
  return (
    <DataTable
      striped
      withTableBorder
      aria-label={t("schemes.ladder")}
      data-testid="scheme-ladder"
      minWidth={1000}
      columns={[
        t("schemes.key"),
        t("schemes.dimension"),
        t("schemes.name"),
        t("schemes.measure"),
        numberColumn(t("schemes.baseline")),
        numberColumn(t("schemes.target")),
        numberColumn(t("schemes.weight")),
        t("schemes.mode"),
        t("schemes.levels"),
      ]}
      rows={ladder}
    >
      {(kpi) => (
        <Table.Tr key={kpi.key}>
          <Table.Td ff="monospace">{kpi.key}</Table.Td>
          <Table.Td>{kpi.dimension}</Table.Td>
          <Table.Td>{english ? kpi.name_en : kpi.name_th}</Table.Td>
          <Table.Td>{t(`schemes.measures.${kpi.measure}`, { defaultValue: kpi.measure })}</Table.Td>
          <Table.Td ta="right">{num(kpi.baseline)}</Table.Td>
          <Table.Td ta="right">{num(kpi.target)}</Table.Td>
          <Table.Td ta="right">{num(kpi.weight)}</Table.Td>
          <Table.Td>
            <Text size="sm">{t(`schemes.modes.${kpi.mode}`)}</Text>
            <Text size="xs" c="dimmed">
              {t(`schemes.directions.${kpi.direction}`)}
            </Text>
          </Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{kpi.levels.map((level) => num(level)).join(" · ")}</Table.Td>
        </Table.Tr>
      )}
    </DataTable>
  );
}

function SchemeSummary({ scheme }: { scheme: SchemeOut }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const actor = useActorName([scheme.created_by]);
  const d = definitionOf(scheme);
  const rows: [string, string][] = [
    [t("schemes.nameTh"), d.name_th],
    [t("schemes.nameEn"), d.name_en],
    [t("schemes.source"), d.source ?? "–"],
    [t("schemes.february"), t(`schemes.februaryRule.${d.february ?? "last_day"}`)],
    [t("schemes.evidenceRequired"), d.evidence_required === false ? t("no") : t("yes")],
    [t("schemes.targetPercent"), d.target_percent === null || d.target_percent === undefined ? "–" : format.percent(d.target_percent)],
    [t("schemes.created"), `${format.dateTime(scheme.created_at)} · ${actor(scheme.created_by)}`],
    [t("schemes.note"), scheme.note ?? "–"],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label={t("schemes.summary")}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={220} fw={500}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SchemeDetail({ latest, onSaved }: { latest: SchemeOut; onSaved: (saved: SchemeOut) => void }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const [version, setVersion] = useState(latest.version);
  const [editing, setEditing] = useState(false);
  const scheme = useQuery({
    queryKey: ["schemes", latest.code, version],
    queryFn: () => must(scoring.GET("/v1/schemes/{code}", { params: { path: { code: latest.code }, query: { version } } })),
    initialData: version === latest.version ? latest : undefined,
  });
  const versions = Array.from({ length: latest.version }, (_, i) => latest.version - i);
  return (
    <Paper withBorder p="md" component="section" aria-label={t("schemes.detailOf", { code: latest.code })} data-testid="scheme-detail">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <Title order={3} ff="monospace">
              {latest.code}
            </Title>
            <Select
              label={t("schemes.version")}
              data={versions.map((v) => ({
                value: String(v),
                label: v === latest.version ? t("schemes.versionLatest", { v: format.number(v) }) : t("schemes.versionN", { v: format.number(v) }),
              }))}
              value={String(version)}
              onChange={(value) => value && setVersion(Number(value))}
              allowDeselect={false}
              w={200}
            />
          </Group>
          <Button onClick={() => setEditing(true)} disabled={!scheme.data}>
            {t("schemes.newVersion")}
          </Button>
        </Group>
        <QueryState query={scheme}>
          {(shown) => {
            const d = definitionOf(shown);
            return (
              <Tabs defaultValue="readable">
                <Tabs.List>
                  <Tabs.Tab value="readable">{t("schemes.readable")}</Tabs.Tab>
                  <Tabs.Tab value="json">JSON</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="readable" pt="md">
                  <Stack>
                    <SchemeSummary scheme={shown} />
                    {(d.steps ?? []).length > 0 && (
                      <>
                        <Title order={4}>{t("schemes.steps")}</Title>
                        <StepsTable steps={d.steps ?? []} />
                      </>
                    )}
                    {(d.ladder ?? []).length > 0 && (
                      <>
                        <Title order={4}>{t("schemes.ladder")}</Title>
                        <LadderTable ladder={d.ladder ?? []} />
                      </>
                    )}
                  </Stack>
                </Tabs.Panel>
                <Tabs.Panel value="json" pt="md">
                  <ScrollArea.Autosize mah={520}>
                    <Code
                      block
                      data-testid="scheme-json"
                      aria-label={t("schemes.jsonOf", { code: shown.code, version: shown.version })}
                      style={{ fontFamily: JSON_FONT }}
                    >
                      {formatDefinition(shown.definition)}
                    </Code>
                  </ScrollArea.Autosize>
                </Tabs.Panel>
              </Tabs>
            );
          }}
        </QueryState>
      </Stack>
      <AppModal opened={editing} onClose={() => setEditing(false)} title={t("schemes.newVersionOf", { code: latest.code })} size="xl">
        {editing && scheme.data && (
          <SchemeEditor
            scheme={scheme.data}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              onSaved(saved);
            }}
          />
        )}
      </AppModal>
    </Paper>
  );
}

function SchemeList({ schemes }: { schemes: SchemeOut[] }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const name = useSchemeName();
  const actor = useActorName(schemes.map((s) => s.created_by));
  const [params, setParams] = useSearchParams();
  const [saved, setSaved] = useState<SchemeOut | null>(null);
  const selectedCode = params.get("code");
  const selected = schemes.find((s) => s.code === selectedCode);
  const select = (code: string) => setParams({ code }, { replace: true });
  return (
    <Stack>
      {saved && (
        <Alert color="green" withCloseButton onClose={() => setSaved(null)} data-testid="scheme-saved">
          {t("schemes.saved", { code: saved.code, version: format.number(saved.version) })}
        </Alert>
      )}
      <DataTable
        striped
        highlightOnHover
        aria-label={t("schemes.tableLabel")}
        minWidth={900}
        columns={[t("schemes.code"), t("schemes.version"), t("schemes.name"), t("schemes.created"), t("actions")]}
        rows={schemes}
      >
        {(scheme) => (
          <Table.Tr
            key={scheme.code}
            data-testid={`scheme-${scheme.code}`}
            bg={scheme.code === selectedCode ? "var(--mantine-color-indigo-0)" : undefined}
          >
            <Table.Td ff="monospace">{scheme.code}</Table.Td>
            <Table.Td>
              <Badge variant="light">{t("schemes.versionN", { v: format.number(scheme.version) })}</Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2}>
                {name(scheme)}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Text size="sm">{format.dateTime(scheme.created_at)}</Text>
              <Text size="xs" c="dimmed">
                {actor(scheme.created_by)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant={scheme.code === selectedCode ? "filled" : "light"}
                onClick={() => select(scheme.code)}
                aria-label={t("schemes.viewOf", { code: scheme.code })}
                aria-pressed={scheme.code === selectedCode}
              >
                {t("schemes.view")}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      </DataTable>
      {selected ? (
        <SchemeDetail
          key={`${selected.code}@${selected.version}`}
          latest={selected}
          onSaved={(version) => {
            setSaved(version);
            select(version.code);
          }}
        />
      ) : (
        <Text c="dimmed" size="sm">
          {t("schemes.pick")}
        </Text>
      )}
    </Stack>
  );
}

export default function Schemes() {
  const { t } = useTranslation("admin");
  const schemes = useQuery({ queryKey: ["schemes"], queryFn: () => must(scoring.GET("/v1/schemes")) });
  return (
    <Stack>
      <Title order={2}>{t("schemes.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("schemes.intro")}
      </Text>
      <QueryState query={schemes} empty={(list) => list.length === 0}>
        {(list) => (list.length === 0 ? <Empty /> : <SchemeList schemes={list} />)}
      </QueryState>
    </Stack>
  );
}
