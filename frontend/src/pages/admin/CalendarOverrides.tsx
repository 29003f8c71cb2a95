/** The administrators' decisions about days (a declared holiday, a make-up working day) and the
 * outage windows whose time does not count against any deadline. */
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { Empty, QueryState } from "../../components/states";
import { useFormat } from "../../format";
import { bangkokInstant, isIsoDay } from "./calendarDates";
import { ConfirmModal, FormAlert, useActorName, useFieldError } from "./shared";

type Override = ScoringSchemas["OverrideOut"];
type Outage = ScoringSchemas["OutageOut"];

function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["calendar"] });
}

function OverrideForm() {
  const { t } = useTranslation("admin");
  const errorText = useFieldError();
  const format = useFormat();
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
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("calendar.overrides.add")}>
      <Stack gap="xs">
        <Group align="flex-start" grow>
          <TextInput
            type="date"
            label={t("calendar.overrides.day")}
            description={isIsoDay(day) ? format.date(day) : " "}
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            error={errorText(add.error, "day")}
            required
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="override-kind-label">
              {t("calendar.overrides.kind")}
            </Text>
            <SegmentedControl
              aria-labelledby="override-kind-label"
              value={working}
              onChange={(value) => setWorking(value as "holiday" | "working")}
              data={[
                { value: "holiday", label: t("calendar.overrides.holiday") },
                { value: "working", label: t("calendar.overrides.workingDay") },
              ]}
            />
          </Stack>
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
        <FormAlert error={add.error} fields={["day", "working", "name", "reference"]} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t("calendar.overrides.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OverridesPanel() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const actor = useActorName();
  const invalidate = useInvalidateCalendar();
  const overrides = useQuery({ queryKey: ["calendar", "overrides"], queryFn: () => must(scoring.GET("/v1/calendar/overrides")) });
  const [removing, setRemoving] = useState<Override | null>(null);
  const remove = useMutation({
    mutationFn: (o: Override) => must(scoring.DELETE("/v1/calendar/overrides/{day}", { params: { path: { day: o.day } } })),
    onSuccess: async () => {
      setRemoving(null);
      await invalidate();
    },
  });
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t("calendar.overrides.add")}
        </Title>
        <OverrideForm />
      </Paper>
      <QueryState query={overrides}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t("calendar.overrides.none")}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped aria-label={t("calendar.overrides.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("calendar.overrides.day")}</Table.Th>
                    <Table.Th>{t("calendar.overrides.kind")}</Table.Th>
                    <Table.Th>{t("calendar.overrides.name")}</Table.Th>
                    <Table.Th>{t("calendar.overrides.reference")}</Table.Th>
                    <Table.Th>{t("calendar.by")}</Table.Th>
                    <Table.Th>{t("actions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((o) => (
                    <Table.Tr key={o.day} data-testid={`override-${o.day}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.date(o.day)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={o.working ? "blue" : "orange"}>
                          {o.working ? t("calendar.overrides.workingDay") : t("calendar.overrides.holiday")}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{o.name}</Table.Td>
                      <Table.Td>{o.reference ?? "–"}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{actor(o.created_by)}</Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(o.created_at)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="light"
                          onClick={() => setRemoving(o)}
                          aria-label={t("calendar.overrides.removeOf", { day: format.date(o.day) })}
                        >
                          {t("remove")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <ConfirmModal
        opened={removing !== null}
        title={t("calendar.overrides.removeTitle")}
        confirmLabel={t("remove")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <Text>{t("calendar.overrides.removeText", { day: removing ? format.date(removing.day) : "", name: removing?.name ?? "" })}</Text>
      </ConfirmModal>
    </Stack>
  );
}

function OutageForm() {
  const { t } = useTranslation("admin");
  const errorText = useFieldError();
  const format = useFormat();
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
  function submit(event: FormEvent) {
    event.preventDefault();
    const backwards = startsAt !== "" && endsAt !== "" && endsAt <= startsAt;
    setOrderError(backwards);
    if (backwards) {
      add.reset();
      return;
    }
    add.mutate();
  }
  const shown = (local: string) => (local.length >= 16 ? format.dateTime(bangkokInstant(local)) : " ");
  return (
    <form onSubmit={submit} noValidate aria-label={t("calendar.outages.add")}>
      <Stack gap="xs">
        <Group align="flex-start" grow>
          <TextInput
            type="datetime-local"
            label={t("calendar.outages.startsAt")}
            description={shown(startsAt)}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            error={errorText(add.error, "starts_at")}
            required
          />
          <TextInput
            type="datetime-local"
            label={t("calendar.outages.endsAt")}
            description={shown(endsAt)}
            value={endsAt}
            onChange={(e) => setEndsAt(e.currentTarget.value)}
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
        <FormAlert error={add.error} fields={["starts_at", "ends_at", "reason"]} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t("calendar.outages.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OutagesPanel() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const actor = useActorName();
  const invalidate = useInvalidateCalendar();
  const outages = useQuery({ queryKey: ["calendar", "outages"], queryFn: () => must(scoring.GET("/v1/calendar/outages")) });
  const [removing, setRemoving] = useState<Outage | null>(null);
  const remove = useMutation({
    mutationFn: (o: Outage) => must(scoring.DELETE("/v1/calendar/outages/{outage_id}", { params: { path: { outage_id: o.id } } })),
    onSuccess: async () => {
      setRemoving(null);
      await invalidate();
    },
  });
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t("calendar.outages.add")}
        </Title>
        <OutageForm />
      </Paper>
      <QueryState query={outages}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t("calendar.outages.none")}</Empty>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped aria-label={t("calendar.outages.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("calendar.outages.startsAt")}</Table.Th>
                    <Table.Th>{t("calendar.outages.endsAt")}</Table.Th>
                    <Table.Th>{t("calendar.outages.reason")}</Table.Th>
                    <Table.Th>{t("calendar.by")}</Table.Th>
                    <Table.Th>{t("actions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((o) => (
                    <Table.Tr key={o.id} data-testid={`outage-${o.id}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(o.starts_at)}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(o.ends_at)}</Table.Td>
                      <Table.Td>{o.reason}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{actor(o.created_by)}</Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(o.created_at)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="light"
                          onClick={() => setRemoving(o)}
                          aria-label={t("calendar.outages.removeOf", { start: format.dateTime(o.starts_at) })}
                        >
                          {t("remove")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <ConfirmModal
        opened={removing !== null}
        title={t("calendar.outages.removeTitle")}
        confirmLabel={t("remove")}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        <Text>
          {t("calendar.outages.removeText", {
            start: removing ? format.dateTime(removing.starts_at) : "",
            end: removing ? format.dateTime(removing.ends_at) : "",
          })}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
