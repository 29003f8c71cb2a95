/** The agency tree as a tree-table: levels fold and unfold, a filter shows the matches with the
 * agencies above them; add, rename, move and (de)activate. Only the rows on screen are rendered. */
import { ActionIcon, Button, Group, Highlight, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAgencies } from "../../api/reference";
import type { Agency } from "../../api/types";
import { Empty, QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { AgencyFormModal, type AgencyFormTarget } from "./AgencyForm";
import { ActiveBadge } from "./shared";

/** The rows to show: with a filter, every match and the agencies above it; without, the agencies
 * whose ancestors are all unfolded. The list comes parents before children. */
export function visibleRows(agencies: readonly Agency[], expanded: ReadonlySet<string>, filter: string): Agency[] {
  const query = filter.trim().toLowerCase();
  if (query === "") {
    const shown = new Set<string>();
    return agencies.filter((a) => {
      const visible = a.parent === null || (shown.has(a.parent) && expanded.has(a.parent));
      if (visible) shown.add(a.code);
      return visible;
    });
  }
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const keep = new Set<string>();
  for (const a of agencies) {
    const text = `${a.code} ${a.name_th} ${a.name_en ?? ""}`.toLowerCase();
    if (!text.includes(query)) continue;
    for (let node: Agency | undefined = a; node && !keep.has(node.code); node = node.parent ? byCode.get(node.parent) : undefined) {
      keep.add(node.code);
    }
  }
  return agencies.filter((a) => keep.has(a.code));
}

const ROW_HEIGHT = 39;
const COLUMNS = 5;

interface RowProps {
  agency: Agency;
  childCount: number;
  open: boolean;
  filter: string;
  index: number;
  measure: (node: HTMLTableRowElement | null) => void;
  onToggle: (code: string) => void;
  onEdit: (agency: Agency) => void;
  onAddUnder: (code: string) => void;
}

const AgencyRow = memo(function AgencyRow({ agency, childCount, open, filter, index, measure, onToggle, onEdit, onAddUnder }: RowProps) {
  const { t, i18n } = useTranslation("admin");
  const format = useFormat();
  const english = i18n.language === "en";
  const name = english && agency.name_en ? agency.name_en : agency.name_th;
  const otherName = english ? agency.name_th : agency.name_en;
  const filtering = filter !== "";
  return (
    <Table.Tr
      ref={measure}
      data-index={index}
      data-testid={`agency-${agency.code}`}
      aria-rowindex={index + 2}
      aria-level={agency.level + 1}
    >
      <Table.Td>
        <Group gap={4} wrap="nowrap" pl={agency.level * 24}>
          {childCount > 0 ? (
            <ActionIcon
              variant="subtle"
              size="sm"
              onClick={() => onToggle(agency.code)}
              disabled={filtering}
              aria-expanded={open}
              aria-label={t(open ? "agencies.collapse" : "agencies.expand", { name })}
            >
              <span aria-hidden>{open ? "▾" : "▸"}</span>
            </ActionIcon>
          ) : (
            <span style={{ width: 22, flexShrink: 0, display: "inline-block" }} aria-hidden />
          )}
          <Highlight highlight={filter} size="sm" fw={agency.level === 0 ? 700 : undefined} c={agency.active ? undefined : "dimmed"}>
            {name}
          </Highlight>
          {childCount > 0 && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              ({format.number(childCount)})
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Highlight highlight={filter} size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
          {agency.code}
        </Highlight>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {otherName ?? "–"}
        </Text>
      </Table.Td>
      <Table.Td>
        <ActiveBadge active={agency.active} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="light" onClick={() => onEdit(agency)} aria-label={t("agencies.editOf", { name })}>
            {t("edit")}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => onAddUnder(agency.code)} aria-label={t("agencies.addUnderOf", { name })}>
            {t("agencies.addUnder")}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
});

function AgencyTree({ agencies }: { agencies: Agency[] }) {
  const { t, i18n } = useTranslation("admin");
  const format = useFormat();
  const [filter, setFilter] = useState("");
  const deferredFilter = useDeferredValue(filter.trim());
  const roots = useMemo(() => agencies.filter((a) => a.parent === null).map((a) => a.code), [agencies]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(roots));
  const [target, setTarget] = useState<AgencyFormTarget | null>(null);
  const childCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const a of agencies) if (a.parent) counts.set(a.parent, (counts.get(a.parent) ?? 0) + 1);
    return counts;
  }, [agencies]);
  const rows = useMemo(() => visibleRows(agencies, expanded, deferredFilter), [agencies, expanded, deferredFilter]);
  const filtering = deferredFilter !== "";

  // The page scrolls, not the table: the virtualizer follows the window, from where the rows start.
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (body.current) setScrollMargin(body.current.getBoundingClientRect().top + window.scrollY);
  }, [rows.length]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    scrollMargin,
    getItemKey: (index) => rows[index]?.code ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - ((items.at(-1)?.end ?? 0) - scrollMargin) : 0;

  const toggle = useCallback((code: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }, []);
  const edit = useCallback((agency: Agency) => setTarget({ mode: "edit", agency }), []);
  const addUnder = useCallback((code: string) => setTarget({ mode: "create", parent: code }), []);

  function revealUnder(agency: Agency) {
    // Unfold the path to a new or moved agency so it can be seen.
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    setExpanded((current) => {
      const next = new Set(current);
      for (let code = agency.parent; code; code = byCode.get(code)?.parent ?? null) next.add(code);
      return next;
    });
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t("agencies.filter")}
          placeholder={t("agencies.filterPlaceholder")}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={360}
          type="search"
        />
        <Group gap="xs">
          <Button variant="default" onClick={() => setExpanded(new Set(childCount.keys()))} disabled={filtering}>
            {t("agencies.expandAll")}
          </Button>
          <Button variant="default" onClick={() => setExpanded(new Set(roots))} disabled={filtering}>
            {t("agencies.collapseAll")}
          </Button>
          <Button onClick={() => setTarget({ mode: "create", parent: roots[0] ?? null })}>{t("agencies.add")}</Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("agencies.shown", { shown: format.number(rows.length), total: format.number(agencies.length) })}
      </Text>
      {rows.length === 0 ? (
        <Empty>{t("agencies.noMatch")}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          {/* Fixed columns: the rows on screen change while scrolling and must not resize them. */}
          <Table highlightOnHover withRowBorders layout="fixed" aria-label={t("agencies.tableLabel")} aria-rowcount={rows.length + 1} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="34%">{t("agencies.name")}</Table.Th>
                <Table.Th w="13%">{t("agencies.code")}</Table.Th>
                <Table.Th>{i18n.language === "en" ? t("agencies.nameTh") : t("agencies.nameEn")}</Table.Th>
                <Table.Th w={110}>{t("status")}</Table.Th>
                <Table.Th w={210}>{t("actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody ref={body}>
              {padTop > 0 && (
                <tr aria-hidden>
                  <td colSpan={COLUMNS} style={{ height: padTop, padding: 0, border: 0 }} />
                </tr>
              )}
              {items.map((item) => {
                const agency = rows[item.index];
                if (!agency) return null;
                return (
                  <AgencyRow
                    key={agency.code}
                    agency={agency}
                    childCount={childCount.get(agency.code) ?? 0}
                    open={filtering || expanded.has(agency.code)}
                    filter={deferredFilter}
                    index={item.index}
                    measure={virtualizer.measureElement}
                    onToggle={toggle}
                    onEdit={edit}
                    onAddUnder={addUnder}
                  />
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden>
                  <td colSpan={COLUMNS} style={{ height: padBottom, padding: 0, border: 0 }} />
                </tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AgencyFormModal
        target={target}
        agencies={agencies}
        onClose={() => setTarget(null)}
        onSaved={(agency) => {
          setTarget(null);
          revealUnder(agency);
        }}
      />
    </Stack>
  );
}

export default function Agencies() {
  const { t } = useTranslation("admin");
  const agencies = useAgencies();
  return (
    <Stack>
      <Title order={2}>{t("agencies.title")}</Title>
      <QueryState query={agencies} empty={(list) => list.length === 0}>
        {(list) => <AgencyTree agencies={list} />}
      </QueryState>
    </Stack>
  );
}
