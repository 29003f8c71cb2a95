/** Everything that happened to the complaint, oldest first (the event stream, SPEC §3). */
import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useActorName } from "../../api/actors";
import type { IntakeSchemas } from "../../api/types";
import { useFormat } from "../../format";

type Event = IntakeSchemas["EventOut"];

/** Payload fields shown under an event, in this order. */
const DETAILS = ["result", "letter_no", "order_no", "coordination", "notified_via", "evidence_kind", "from_agency", "filename"] as const;

interface Props {
  events: readonly Event[];
  agencyName: (code: string | null | undefined) => string;
}

export function Timeline({ events, agencyName }: Props) {
  const { t } = useTranslation("work");
  const actorName = useActorName(events.map((e) => e.actor));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Title order={3} size="h4" id="timeline-title" mb="sm">
        {t("timeline.title")}
      </Title>
      {events.length === 0 ? (
        <Text c="dimmed">{t("timeline.empty")}</Text>
      ) : (
        <Stack component="ol" gap={0} p={0} m={0} aria-labelledby="timeline-title" style={{ listStyle: "none" }}>
          {events.map((event) => (
            <EventItem key={event.id} event={event} agencyName={agencyName} actorName={actorName} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function EventItem({ event, agencyName, actorName }: { event: Event; agencyName: Props["agencyName"]; actorName: (ref: string) => string }) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const payload = event.payload ?? {};
  const duplicate = payload.duplicate_of as { id?: string; ticket_no?: string } | undefined;
  const detailValue = (key: (typeof DETAILS)[number], value: string): string => {
    switch (key) {
      case "evidence_kind":
        return t(`attachments.kind.${value}`, { defaultValue: value });
      case "notified_via":
        return t(`form.via.${value}`, { defaultValue: value });
      case "from_agency":
        return agencyName(value);
      default:
        return value;
    }
  };
  return (
    <Box
      component="li"
      data-testid="timeline-event"
      data-type={event.type}
      pl="md"
      pb="md"
      style={{ borderLeft: "2px solid var(--mantine-color-indigo-2)", position: "relative" }}
    >
      <Box
        aria-hidden
        style={{ position: "absolute", left: -6, top: 6, width: 10, height: 10, borderRadius: 5, background: "var(--mantine-color-indigo-6)" }}
      />
      <Group gap="xs" wrap="wrap">
        <Text fw={600}>{t(`event.${event.type}`)}</Text>
        <Text size="sm" c="dimmed">
          {format.dateTime(event.recorded_at)}
        </Text>
        {event.imported && (
          <Badge size="xs" variant="outline" color="gray">
            {t("timeline.imported")}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {[event.agency ? agencyName(event.agency) : null, t("timeline.by", { actor: actorName(event.actor) })].filter(Boolean).join(" · ")}
      </Text>
      {event.occurred_at && (
        <Text size="xs" c="dimmed">
          {t("timeline.occurredAt", { date: format.date(event.occurred_at) })}
        </Text>
      )}
      {event.text && (
        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
          {event.text}
        </Text>
      )}
      {DETAILS.filter((key) => typeof payload[key] === "string" && payload[key] !== "").map((key) => (
        <Text size="sm" key={key} mt={2}>
          <Text span fw={500}>
            {t(`timeline.detail.${key}`)}:
          </Text>{" "}
          <Text span style={{ whiteSpace: "pre-wrap" }}>
            {detailValue(key, String(payload[key]))}
          </Text>
        </Text>
      ))}
      {duplicate?.ticket_no && (
        <Text size="sm" mt={2}>
          <Text span fw={500}>
            {t("timeline.detail.duplicate_of")}:
          </Text>{" "}
          {duplicate.id ? (
            <Anchor component={Link} to={`/complaints/${duplicate.id}`}>
              {format.digits(duplicate.ticket_no)}
            </Anchor>
          ) : (
            format.digits(duplicate.ticket_no)
          )}
        </Text>
      )}
    </Box>
  );
}
