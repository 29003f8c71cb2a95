/** The params of the chosen report type, each field with the error reporting gave for it. */
import { Group, NativeSelect, NumberInput, Select, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { intake, must, reporting, scoring } from "../../api/client";
import { useErrorText } from "../../api/useErrorText";
import { LabelledSegmentedControl } from "../../components/LabelledSegmentedControl";
import { fiscalYear, useFormat } from "../../format";
import { AgencySelect, FiscalYearSelect, MonthSelect } from "../dashboard/filters";
import type { ParamsState, ReportType } from "./kinds";
import { DateInput } from "../../components/DateInput";

const LONG = 10 * 60_000;

export function ParamsForm({
  type,
  state,
  onChange,
  error,
}: {
  type: ReportType;
  state: ParamsState;
  onChange: (change: Partial<ParamsState>) => void;
  error: unknown;
}) {
  const { t, i18n } = useTranslation("reports");
  const format = useFormat();
  const errorText = useErrorText();
  const english = i18n.language === "en";
  const fieldError = (field: string) => errorText(error, `params.${field}`);
  // The monthly summary takes a month, chosen among a fiscal year's.
  const typedYear = Number(state.fy);
  const monthsYear = typedYear >= 2500 && typedYear <= 2700 ? typedYear : fiscalYear();

  const projects = useQuery({
    queryKey: ["projects"],
    queryFn: () => must(reporting.GET("/v1/projects")),
    enabled: type === "progress",
    staleTime: LONG,
  });
  const plans = useQuery({
    queryKey: ["plans"],
    queryFn: () => must(reporting.GET("/v1/plans")),
    enabled: type === "action-plan",
    staleTime: LONG,
  });
  const schemes = useQuery({
    queryKey: ["schemes"],
    queryFn: () => must(scoring.GET("/v1/schemes")),
    enabled: type === "kpi-scorecard",
    staleTime: LONG,
  });
  const templates = useQuery({
    queryKey: ["survey-templates"],
    queryFn: () => must(intake.GET("/v1/surveys/templates")),
    enabled: type === "satisfaction",
    staleTime: LONG,
  });

  const agency = (
    <AgencySelect label={t("params.agency")} value={state.agency} onChange={(code) => onChange({ agency: code })} error={fieldError("agency")} />
  );
  const fy = (
    <NumberInput
      label={t("params.fy")}
      description={t("params.fyHint")}
      value={state.fy}
      onChange={(value) => onChange({ fy: value })}
      min={2500}
      max={2700}
      // What was typed goes to reporting as typed: its refusal is shown here, not silently corrected.
      clampBehavior="none"
      allowDecimal={false}
      thousandSeparator={false}
      error={fieldError("fy")}
      w={180}
    />
  );
  const periods = (
    <NativeSelect
      label={t("params.periods")}
      data={[
        { value: "monthly", label: t("params.monthly") },
        { value: "quarterly", label: t("params.quarterly") },
      ]}
      value={state.periods}
      onChange={(e) => onChange({ periods: e.currentTarget.value as ParamsState["periods"] })}
      error={fieldError("periods")}
      w={180}
    />
  );

  switch (type) {
    case "progress":
      // A project counts its own agency's complaints over its own dates; without one, the agency's
      // over the fiscal year.
      return (
        <Group align="flex-start" gap="md" wrap="wrap">
          <Select
            label={t("params.project")}
            data={(projects.data ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
            value={state.project}
            onChange={(code) => onChange({ project: code })}
            clearable
            searchable
            placeholder={projects.data?.length === 0 ? t("params.noProjects") : t("params.noProject")}
            nothingFoundMessage={t("params.noProjects")}
            error={fieldError("project") ?? (projects.error ? t("params.listFailed") : undefined)}
            w={360}
          />
          {state.project === null && (
            <>
              {agency}
              {fy}
            </>
          )}
          {periods}
        </Group>
      );
    case "action-plan":
      return (
        <Select
          label={t("params.plan")}
          data={(plans.data ?? []).map((p) => ({ value: p.id, label: `${format.digits(String(p.fiscal_year))} — ${p.title}` }))}
          value={state.plan}
          onChange={(id) => onChange({ plan: id })}
          searchable
          nothingFoundMessage={plans.isPending ? t("loading", { ns: "common" }) : t("params.noPlans")}
          placeholder={plans.data?.length === 0 ? t("params.noPlans") : undefined}
          error={fieldError("plan") ?? (plans.error ? t("params.listFailed") : undefined)}
          w={480}
        />
      );
    case "kpi-scorecard":
      return (
        <Group align="flex-start" gap="md" wrap="wrap">
          {agency}
          {fy}
          <Select
            label={t("params.scheme")}
            data={(schemes.data ?? [{ code: state.scheme, definition: {} as Record<string, unknown> }]).map((s) => {
              const name = english ? (s.definition.name_en ?? s.definition.name_th) : s.definition.name_th;
              return { value: s.code, label: typeof name === "string" ? `${s.code} — ${name}` : s.code };
            })}
            value={state.scheme}
            onChange={(code) => code !== null && onChange({ scheme: code })}
            allowDeselect={false}
            error={fieldError("scheme") ?? fieldError("version")}
            w={360}
            comboboxProps={{ width: 520, position: "bottom-start" }}
          />
        </Group>
      );
    case "cpl-r001":
      return agency;
    case "cpl-r003":
      return (
        <Stack gap="sm">
          <LabelledSegmentedControl
            label={t("params.range")}
            value={state.range}
            onChange={(value) => onChange({ range: value as ParamsState["range"] })}
            data={[
              { value: "fy", label: t("params.wholeYear") },
              { value: "dates", label: t("params.dates") },
            ]}
            w="fit-content"
          />
          <Group align="flex-start" gap="md" wrap="wrap">
            {agency}
            {state.range === "fy" ? (
              fy
            ) : (
              <>
                <DateInput
                  label={t("params.start")}
                  value={state.start}
                  onChange={(value) => onChange({ start: value })}
                  error={fieldError("start")}
                  w={180}
                />
                <DateInput
                  label={t("params.end")}
                  value={state.end}
                  onChange={(value) => onChange({ end: value })}
                  error={fieldError("end")}
                  w={180}
                />
              </>
            )}
          </Group>
        </Stack>
      );
    case "monthly-summary":
      return (
        <Group align="flex-start" gap="md" wrap="wrap">
          {agency}
          <FiscalYearSelect value={monthsYear} onChange={(value) => onChange({ fy: value, month: null })} />
          <MonthSelect
            fy={monthsYear}
            label={t("params.month")}
            value={state.month}
            onChange={(month) => onChange({ month })}
            error={fieldError("month")}
          />
        </Group>
      );
    case "statistics":
      return (
        <Group align="flex-start" gap="md" wrap="wrap">
          {agency}
          {fy}
          <NumberInput
            label={t("params.years")}
            value={state.years}
            onChange={(value) => onChange({ years: value })}
            min={1}
            max={5}
            clampBehavior="none"
            allowDecimal={false}
            error={fieldError("years")}
            w={180}
          />
        </Group>
      );
    case "satisfaction":
      return (
        <Group align="flex-start" gap="md" wrap="wrap">
          {agency}
          {fy}
          <Select
            label={t("params.template")}
            data={[...new Map((templates.data ?? []).map((tpl) => [tpl.code, tpl])).values()].map((tpl) => ({
              value: tpl.code,
              label: english && tpl.name_en ? tpl.name_en : tpl.name_th,
            }))}
            value={state.template}
            onChange={(code) => onChange({ template: code })}
            clearable
            placeholder={t("params.allTemplates")}
            error={fieldError("template")}
            w={380}
            comboboxProps={{ width: 480, position: "bottom-start" }}
          />
        </Group>
      );
  }
}
