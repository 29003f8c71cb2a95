/** The selectors the oversight screens share: agency (the user's and those under it), fiscal year
 * and month. */
import { Group, Select, Text, type ComboboxItem, type OptionsFilter } from "@mantine/core";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { subtreeOf, useAgencies } from "../../api/reference";
import { useUser } from "../../auth/AuthContext";
import { fiscalYear, useFormat } from "../../format";
import { firstDay, fiscalMonths } from "./months";

/** Agency code → name in the user's language (the code when unknown); stable while neither changes,
 * so charts built from it are not rebuilt on every render. */
export function useAgencyName(): (code: string) => string {
  const { i18n } = useTranslation();
  const agencies = useAgencies();
  const english = i18n.language === "en";
  const names = useMemo(
    () => new Map((agencies.data ?? []).map((a) => [a.code, english && a.name_en ? a.name_en : a.name_th])),
    [agencies.data, english],
  );
  return useCallback((code: string) => names.get(code) ?? code, [names]);
}

export interface AgencyOption extends ComboboxItem {
  depth: number;
}

export function useAgencyOptions(): AgencyOption[] {
  const user = useUser();
  const agencies = useAgencies();
  const name = useAgencyName();
  // Agencies under the same parent in the order of their codes.
  const tree = useMemo(
    () => subtreeOf([...(agencies.data ?? [])].sort((a, b) => a.code.localeCompare(b.code)), user.agency.code),
    [agencies.data, user.agency.code],
  );
  // Before the list arrives (or if the user's agency is not in it) the user's own agency still works.
  if (tree.length === 0) return [{ value: user.agency.code, label: name(user.agency.code), depth: 0 }];
  return tree.map(({ agency, depth }) => ({ value: agency.code, label: name(agency.code), depth }));
}

// Finds an agency by its name or its code.
const byNameOrCode: OptionsFilter = ({ options, search }) => {
  const query = search.trim().toLowerCase();
  if (query === "") return options;
  return (options as ComboboxItem[]).filter(
    (option) => option.label.toLowerCase().includes(query) || String(option.value).toLowerCase().includes(query),
  );
};

export function AgencySelect({
  value,
  onChange,
  label,
  error,
  w = 320,
}: {
  value: string;
  onChange: (code: string) => void;
  label?: string;
  error?: string;
  w?: number | string;
}) {
  const { t } = useTranslation("dashboard");
  const options = useAgencyOptions();
  const depthOf = new Map(options.map((o) => [o.value, o.depth]));
  return (
    <Select
      label={label ?? t("filters.agency")}
      data={options}
      value={value}
      onChange={(code) => code !== null && onChange(code)}
      searchable
      allowDeselect={false}
      filter={byNameOrCode}
      nothingFoundMessage={t("filters.noAgency")}
      maxDropdownHeight={320}
      error={error}
      w={w}
      renderOption={({ option }) => (
        <Group gap={6} wrap="nowrap" pl={(depthOf.get(String(option.value)) ?? 0) * 14}>
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed">
            {String(option.value)}
          </Text>
        </Group>
      )}
    />
  );
}

/** The current fiscal year and the five before it. */
export function fiscalYearOptions(current = fiscalYear()): number[] {
  return Array.from({ length: 6 }, (_, i) => current - i);
}

export function FiscalYearSelect({ value, onChange, w = 140 }: { value: number; onChange: (fy: number) => void; w?: number }) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  return (
    <Select
      label={t("filters.fiscalYear")}
      data={fiscalYearOptions().map((fy) => ({ value: String(fy), label: format.digits(String(fy)) }))}
      value={String(value)}
      onChange={(fy) => fy !== null && onChange(Number(fy))}
      allowDeselect={false}
      w={w}
    />
  );
}

/** A month of the fiscal year ("YYYY-MM"), or none when `clearable`. */
export function MonthSelect({
  fy,
  value,
  onChange,
  label,
  clearable = false,
  placeholder,
  error,
  w = 170,
}: {
  fy: number;
  value: string | null;
  onChange: (month: string | null) => void;
  label?: string;
  clearable?: boolean;
  placeholder?: string;
  error?: string;
  w?: number;
}) {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  return (
    <Select
      label={label ?? t("filters.month")}
      data={fiscalMonths(fy).map((month) => ({ value: month, label: format.month(firstDay(month)) }))}
      value={value}
      onChange={onChange}
      clearable={clearable}
      allowDeselect={clearable}
      placeholder={placeholder}
      error={error}
      w={w}
    />
  );
}
