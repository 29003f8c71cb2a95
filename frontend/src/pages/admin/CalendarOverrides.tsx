/** The administrators' decisions about days (a declared holiday, a make-up working day) and the
 * outage windows whose time does not count against any deadline. */
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { useErrorText } from "../../api/useErrorText";
import { DataTable } from "../../components/DataTable";
import { LabelledSegmentedControl } from "../../components/LabelledSegmentedControl";
import { QueryState } from "../../components/states";
import { bangkokInstant, useFormat } from "../../format";
import { useActorName } from "../../api/actors";
import { AdminForm, ConfirmModal } from "./shared";
import { DateInput } from "../../components/DateInput";

function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["calendar"] });
}

/** One kind of decision (`calendar.<kind>.*` names its strings): the form to add one, the ones made
 * with who recorded each and when, and removing one after confirmation. */
function DecisionsPanel<T extends { created_by: string; created_at: string }>({
  kind,
  form,
  query,
  columns,
  cells,
  testId,
  describe,
  remove,
}: {
  kind: "overrides" | "outages";
  form: ReactNode;
  query: UseQueryResult<T[]>;
  /** The headings of the kind's own columns. */
  columns: string[];
  /** The cells of those columns. */
  cells: (item: T) => ReactNode;
  testId: (item: T) => string;
  /** What names the item in the removal's texts. */
  describe: (item: T) => Record<string, string>;
  remove: (item: T) => Promise<unknown>;
}) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const actorName = useActorName((query.data ?? []).map((item) => item.created_by));
  const invalidate = useInvalidateCalendar();
  const [removing, setRemoving] = useState<T | null>(null);
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t(`calendar.${kind}.add`)}
        </Title>
        {form}
      </Paper>
      <QueryState query={query}>
        {(list) => (
          <DataTable
            striped
            aria-label={t(`calendar.${kind}.title`)}
            minWidth={800}
            columns={[...columns, t("calendar.by"), t("actions")]}
            rows={list}
            empty={t(`calendar.${kind}.none`)}
          >
            {(item) => (
              <Table.Tr key={testId(item)} data-testid={testId(item)}>
                {cells(item)}
                <Table.Td>
                  <Text size="sm">{actorName(item.created_by)}</Text>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(item.created_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    color="red"
                    variant="light"
                    onClick={() => setRemoving(item)}
                    aria-label={t(`calendar.${kind}.removeOf`, describe(item))}
                  >
                    {t("remove")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            )}
          </DataTable>
        )}
      </QueryState>
      <ConfirmModal
        item={removing}
        title={t(`calendar.${kind}.removeTitle`)}
        confirmLabel={t("remove")}
        action={remove}
        onDone={invalidate}
        onClose={() => setRemoving(null)}
      >
        {(item) => <Text>{t(`calendar.${kind}.removeText`, describe(item))}</Text>}
      </ConfirmModal>
    </Stack>
  );
}

function OverrideForm() {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const invalidate = useInvalidateCalendar();
  const [day, setDay] = useState("");
  const [working, setWorking] = useState<"holiday" | "working">("holiday");
  const [name, setName] = useState("");
  const [reference, setReference] = useState("");
  const add = useMutation({
    mutationFn: () =>
      must(
        scoring.POST("/v1/calendar/overrides", {
          body: { day, working: working === "working", name: name.trim(), reference: reference.trim() || null },
        }),
      ),
    onSuccess: async () => {
      setDay("");
      setName("");
      setReference("");
      await invalidate();
    },
  });
  return (
    <AdminForm
      label={t("calendar.overrides.add")}
      onSubmit={() => add.mutate()}
      submitLabel={t("calendar.overrides.add")}
      busy={add.isPending}
      error={add.error}
      fields={["day", "working", "name", "reference"]}
      gap="xs"
    >
      <Group align="flex-start" grow>
        <DateInput
          label={t("calendar.overrides.day")}
          value={day}
          onChange={setDay}
          error={errorText(add.error, "day")}
          required
        />
        <LabelledSegmentedControl
          label={t("calendar.overrides.kind")}
          value={working}
          onChange={(value) => setWorking(value as "holiday" | "working")}
          data={[
            { value: "holiday", label: t("calendar.overrides.holiday") },
            { value: "working", label: t("calendar.overrides.workingDay") },
          ]}
        />
      </Group>
      <Group align="flex-start" grow>
        <TextInput
          label={t("calendar.overrides.name")}
          placeholder={t("calendar.overrides.namePlaceholder")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errorText(add.error, "name")}
          required
        />
        <TextInput
          label={t("calendar.overrides.reference")}
          placeholder={t("calendar.overrides.referencePlaceholder")}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={errorText(add.error, "reference")}
        />
      </Group>
    </AdminForm>
  );
}

export function OverridesPanel() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const overrides = useQuery({ queryKey: ["calendar", "overrides"], queryFn: () => must(scoring.GET("/v1/calendar/overrides")) });
  return (
    <DecisionsPanel
      kind="overrides"
      form={<OverrideForm />}
      query={overrides}
      columns={[t("calendar.overrides.day"), t("calendar.overrides.kind"), t("calendar.overrides.name"), t("calendar.overrides.reference")]}
      cells={(o) => (
        <>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{format.date(o.day)}</Table.Td>
          <Table.Td>
            <Badge variant="light" color={o.working ? "blue" : "orange"}>
              {o.working ? t("calendar.overrides.workingDay") : t("calendar.overrides.holiday")}
            </Badge>
          </Table.Td>
          <Table.Td>{o.name}</Table.Td>
          <Table.Td>{o.reference ?? "–"}</Table.Td>
        </>
      )}
      testId={(o) => `override-${o.day}`}
      describe={(o) => ({ day: format.date(o.day), name: o.name })}
      remove={(o) => must(scoring.DELETE("/v1/calendar/overrides/{day}", { params: { path: { day: o.day } } }))}
    />
  );
}

function OutageForm() {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const invalidate = useInvalidateCalendar();
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [reason, setReason] = useState("");
  // Checked here: the server's answer to an end before the start names no field.
  const [orderError, setOrderError] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      must(
        scoring.POST("/v1/calendar/outages", {
          body: {
            starts_at: startsAt ? bangkokInstant(startsAt) : "",
            ends_at: endsAt ? bangkokInstant(endsAt) : "",
            reason: reason.trim(),
          },
        }),
      ),
    onSuccess: async () => {
      setStartsAt("");
      setEndsAt("");
      setReason("");
      await invalidate();
    },
  });
  function submit() {
    const backwards = startsAt !== "" && endsAt !== "" && endsAt <= startsAt;
    setOrderError(backwards);
    if (backwards) {
      add.reset();
      return;
    }
    add.mutate();
  }
  return (
    <AdminForm
      label={t("calendar.outages.add")}
      onSubmit={submit}
      submitLabel={t("calendar.outages.add")}
      busy={add.isPending}
      error={add.error}
      fields={["starts_at", "ends_at", "reason"]}
      gap="xs"
    >
      <Group align="flex-start" grow>
        <DateInput
          withTime
          label={t("calendar.outages.startsAt")}
          value={startsAt}
          onChange={setStartsAt}
          error={errorText(add.error, "starts_at")}
          required
        />
        <DateInput
          withTime
          label={t("calendar.outages.endsAt")}
          value={endsAt}
          onChange={setEndsAt}
          error={orderError ? t("calendar.outages.endBeforeStart") : errorText(add.error, "ends_at")}
          required
        />
      </Group>
      <Textarea
        label={t("calendar.outages.reason")}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errorText(add.error, "reason")}
        rows={2}
        resize="vertical"
        required
      />
      <Text size="xs" c="dimmed">
        {t("calendar.outages.timeZone")}
      </Text>
    </AdminForm>
  );
}

export function OutagesPanel() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const outages = useQuery({ queryKey: ["calendar", "outages"], queryFn: () => must(scoring.GET("/v1/calendar/outages")) });
  return (
    <DecisionsPanel
      kind="outages"
      form={<OutageForm />}
      query={outages}
      columns={[t("calendar.outages.startsAt"), t("calendar.outages.endsAt"), t("calendar.outages.reason")]}
      cells={(o) => (
        <>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(o.starts_at)}</Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(o.ends_at)}</Table.Td>
          <Table.Td>{o.reason}</Table.Td>
        </>
      )}
      testId={(o) => `outage-${o.id}`}
      describe={(o) => ({ start: format.dateTime(o.starts_at), end: format.dateTime(o.ends_at) })}
      remove={(o) => must(scoring.DELETE("/v1/calendar/outages/{outage_id}", { params: { path: { outage_id: o.id } } }))}
    />
  );
}
