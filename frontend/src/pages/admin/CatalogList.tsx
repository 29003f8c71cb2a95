/** One admin-managed list (categories, channels or complainant groups): list with inactive entries,
 * add, rename, reorder, (de)activate. The three lists share one shape, so this serves them all. */
import { ActionIcon, Button, Group, NumberInput, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must } from "../../api/client";
import type { Entry, IntakeSchemas } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { AppModal } from "../../components/AppModal";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { ActiveBadge, AdminForm, FormAlert } from "./shared";

export type CatalogKind = "categories" | "channels" | "complainant-groups";

type EntryCreate = IntakeSchemas["EntryCreate"];
type EntryUpdate = IntakeSchemas["EntryUpdate"];

interface CatalogApi {
  list: () => Promise<Entry[]>;
  create: (body: EntryCreate) => Promise<Entry>;
  update: (code: string, body: EntryUpdate) => Promise<Entry>;
}

// The same calls on three paths; spelled out so each stays checked against the generated types.
const API: Record<CatalogKind, CatalogApi> = {
  categories: {
    list: () => must(intake.GET("/v1/categories", { params: { query: { include_inactive: true } } })),
    create: (body) => must(intake.POST("/v1/categories", { body })),
    update: (code, body) => must(intake.PATCH("/v1/categories/{code}", { params: { path: { code } }, body })),
  },
  channels: {
    list: () => must(intake.GET("/v1/channels", { params: { query: { include_inactive: true } } })),
    create: (body) => must(intake.POST("/v1/channels", { body })),
    update: (code, body) => must(intake.PATCH("/v1/channels/{code}", { params: { path: { code } }, body })),
  },
  "complainant-groups": {
    list: () => must(intake.GET("/v1/complainant-groups", { params: { query: { include_inactive: true } } })),
    create: (body) => must(intake.POST("/v1/complainant-groups", { body })),
    update: (code, body) => must(intake.PATCH("/v1/complainant-groups/{code}", { params: { path: { code } }, body })),
  },
};

const FIELDS = ["code", "name_th", "name_en", "sort_order", "active"] as const;

/** The sort orders after moving one entry up or down: positions renumbered 0…n-1, and only the
 * entries whose number changes (ties in the stored numbers are settled too). */
export function reorder(entries: readonly Entry[], index: number, delta: -1 | 1): { code: string; sort_order: number }[] {
  const target = index + delta;
  if (target < 0 || target >= entries.length) return [];
  const order = [...entries];
  const [moved] = order.splice(index, 1);
  if (!moved) return [];
  order.splice(target, 0, moved);
  return order.flatMap((entry, position) => (entry.sort_order === position ? [] : [{ code: entry.code, sort_order: position }]));
}

function EntryForm({
  kind,
  entry,
  nextOrder,
  onCancel,
  onSaved,
}: {
  kind: CatalogKind;
  entry: Entry | null;
  nextOrder: number;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [nameTh, setNameTh] = useState(entry?.name_th ?? "");
  const [nameEn, setNameEn] = useState(entry?.name_en ?? "");
  const [sortOrder, setSortOrder] = useState<number | string>(entry?.sort_order ?? nextOrder);
  const [active, setActive] = useState(entry?.active ?? true);

  const save = useMutation({
    mutationFn: () => {
      const order = typeof sortOrder === "number" ? sortOrder : Number.parseInt(sortOrder, 10);
      if (entry === null) {
        return API[kind].create({
          code: code.trim(),
          name_th: nameTh.trim(),
          name_en: nameEn.trim() || null,
          sort_order: Number.isNaN(order) ? 0 : order,
        });
      }
      const body: EntryUpdate = {};
      if (nameTh.trim() !== entry.name_th) body.name_th = nameTh.trim();
      if ((nameEn.trim() || null) !== entry.name_en) body.name_en = nameEn.trim() || null;
      if (!Number.isNaN(order) && order !== entry.sort_order) body.sort_order = order;
      if (active !== entry.active) body.active = active;
      return API[kind].update(entry.code, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [kind] });
      onSaved();
    },
  });

  return (
    <AdminForm
      onSubmit={() => save.mutate()}
      submitLabel={entry ? t("save", { ns: "common" }) : t("catalog.add")}
      busy={save.isPending}
      error={save.error}
      fields={FIELDS}
      onCancel={onCancel}
    >
      {entry === null ? (
        <TextInput
          label={t("catalog.code")}
          description={t("catalog.codeHint")}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errorText(save.error, "code")}
          required
          data-autofocus
        />
      ) : (
        <TextInput label={t("catalog.code")} value={entry.code} readOnly variant="filled" />
      )}
      <TextInput
        label={t("catalog.nameTh")}
        value={nameTh}
        onChange={(e) => setNameTh(e.currentTarget.value)}
        error={errorText(save.error, "name_th")}
        required
      />
      <TextInput
        label={t("catalog.nameEn")}
        value={nameEn}
        onChange={(e) => setNameEn(e.currentTarget.value)}
        error={errorText(save.error, "name_en")}
      />
      <NumberInput
        label={t("catalog.sortOrder")}
        description={t("catalog.sortOrderHint")}
        value={sortOrder}
        onChange={setSortOrder}
        allowDecimal={false}
        error={errorText(save.error, "sort_order")}
      />
      {entry && <Switch label={t("catalog.activeLabel")} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
    </AdminForm>
  );
}

function EntryTable({ kind, entries }: { kind: CatalogKind; entries: Entry[] }) {
  const { t, i18n } = useTranslation("admin");
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Entry | "new" | null>(null);
  const english = i18n.language === "en";

  // Moving and (de)activating straight from the row.
  const patch = useMutation({
    mutationFn: async (changes: { code: string; body: EntryUpdate }[]) => {
      for (const { code, body } of changes) await API[kind].update(code, body);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [kind] }),
  });
  const move = (index: number, delta: -1 | 1) =>
    patch.mutate(reorder(entries, index, delta).map(({ code, sort_order }) => ({ code, body: { sort_order } })));
  const nextOrder = entries.reduce((max, e) => Math.max(max, e.sort_order + 1), 0);
  const what = t(`catalog.kind.${kind}`);

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("catalog.count", { count: entries.length, n: format.number(entries.length) })}
        </Text>
        <Button onClick={() => setEditing("new")}>{t("catalog.addOf", { what })}</Button>
      </Group>
      <FormAlert error={patch.error} fields={[]} />
      <DataTable
        striped
        highlightOnHover
        aria-label={what}
        minWidth={800}
        columns={[t("catalog.sortOrder"), t("catalog.code"), t("catalog.nameTh"), t("catalog.nameEn"), t("status"), t("actions")]}
        rows={entries}
        empty={t("empty", { ns: "common" })}
      >
        {(entry, index) => {
          const name = english && entry.name_en ? entry.name_en : entry.name_th;
          return (
            <Table.Tr key={entry.code} data-testid={`entry-${entry.code}`}>
              <Table.Td>{format.number(entry.sort_order)}</Table.Td>
              <Table.Td ff="monospace">{entry.code}</Table.Td>
              <Table.Td c={entry.active ? undefined : "dimmed"}>{entry.name_th}</Table.Td>
              <Table.Td c={entry.active ? undefined : "dimmed"}>{entry.name_en ?? "–"}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Switch
                    size="sm"
                    checked={entry.active}
                    disabled={patch.isPending}
                    onChange={(e) => patch.mutate([{ code: entry.code, body: { active: e.currentTarget.checked } }])}
                    aria-label={t("catalog.activeOf", { name })}
                  />
                  <ActiveBadge active={entry.active} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="default"
                    disabled={index === 0 || patch.isPending}
                    onClick={() => move(index, -1)}
                    aria-label={t("catalog.moveUp", { name })}
                  >
                    <span aria-hidden>↑</span>
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    disabled={index === entries.length - 1 || patch.isPending}
                    onClick={() => move(index, 1)}
                    aria-label={t("catalog.moveDown", { name })}
                  >
                    <span aria-hidden>↓</span>
                  </ActionIcon>
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(entry)} aria-label={t("catalog.editOf", { name })}>
                    {t("edit")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        }}
      </DataTable>
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("catalog.addOf", { what }) : t("catalog.editTitle", { code: editing?.code ?? "" })}
      >
        {editing !== null && (
          <EntryForm
            key={editing === "new" ? "new" : editing.code}
            kind={kind}
            entry={editing === "new" ? null : editing}
            nextOrder={nextOrder}
            onCancel={() => setEditing(null)}
            onSaved={() => setEditing(null)}
          />
        )}
      </AppModal>
    </Stack>
  );
}

export function CatalogList({ kind }: { kind: CatalogKind }) {
  // Under the same first key as the shared reference lists, so a change here refreshes them too.
  const entries = useQuery({ queryKey: [kind, "all"], queryFn: API[kind].list });
  return <QueryState query={entries}>{(list) => <EntryTable kind={kind} entries={list} />}</QueryState>;
}
