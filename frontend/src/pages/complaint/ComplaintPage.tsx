/** /complaints/:id — one complaint: what it is, what happened, its deadlines, what can be done now. */
import { Alert, Anchor, Badge, Box, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { intake, must } from "../../api/client";
import { ApiError } from "../../api/errors";
import { useAgencies, useCategories, useChannels, useGroups, useNamer } from "../../api/reference";
import type { Complaint } from "../../api/types";
import { useErrorMessage } from "../../api/useErrorText";
import { MapPicker } from "../../components/map/MapPicker";
import { ErrorAlert, Loading } from "../../components/states";
import { StatusBadge } from "../../components/StatusBadge";
import { useFormat } from "../../format";
import { Actions } from "./Actions";
import { Attachments } from "./Attachments";
import { SlaPanel, slaFingerprint, useSla } from "./SlaPanel";
import { Timeline } from "./Timeline";

/** Scoring reads intake's events a moment after they are recorded: how long to wait for it, how often to ask. */
const CATCH_UP_MS = 20_000;
const POLL_MS = 2_000;

const TRIAGE_COLOR: Record<string, string> = { urgent: "red", multi_agency: "grape", general: "gray" };

export default function ComplaintPage() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const agencyName = useNamer(useAgencies().data);
  const complaint = useQuery({
    queryKey: ["complaint", id],
    queryFn: () => must(intake.GET("/v1/complaints/{complaint_id}", { params: { path: { complaint_id: id } } })),
  });
  // After an action: ask scoring every 2 s until its answer changes, for 20 s at most.
  const [watch, setWatch] = useState<{ until: number; baseline: string } | null>(null);
  const sla = useSla(id, watch ? POLL_MS : false);
  useEffect(() => {
    if (!watch) return;
    if (slaFingerprint(sla.data) !== watch.baseline) {
      setWatch(null);
      return;
    }
    const timer = setTimeout(() => setWatch(null), Math.max(0, watch.until - Date.now()));
    return () => clearTimeout(timer);
  }, [watch, sla.data]);

  const changed = () => {
    setWatch({ until: Date.now() + CATCH_UP_MS, baseline: slaFingerprint(sla.data) });
    void queryClient.invalidateQueries({ queryKey: ["complaint", id] });
    void queryClient.invalidateQueries({ queryKey: ["due"] });
  };

  if (complaint.isPending) return <Loading />;
  if (complaint.error) return <ComplaintError error={complaint.error} onRetry={() => void complaint.refetch()} />;
  const data = complaint.data;
  return (
    <Stack gap="md">
      <Header complaint={data} />
      <Actions complaint={data} onRecorded={changed} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Details complaint={data} />
            <Timeline events={data.events ?? []} agencyName={agencyName} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <SlaPanel sla={sla} agencyName={agencyName} catchingUp={watch !== null} />
            <Attachments
              complaintId={data.id}
              attachments={data.attachments ?? []}
              mayUpload={(data.allowed_events ?? []).includes("evidence_attached")}
              onUploaded={changed}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ComplaintError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("work");
  const message = useErrorMessage();
  if (error instanceof ApiError && [403, 404, 422].includes(error.status)) {
    const title = error.status === 403 ? t("complaint.forbidden") : t("complaint.notFound");
    return (
      <Alert color={error.status === 403 ? "orange" : "gray"} title={title} role="alert">
        {error.status === 403 ? message(error) : t("complaint.notFoundHint")}
      </Alert>
    );
  }
  return <ErrorAlert error={error} onRetry={onRetry} />;
}

function Header({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation(["work", "common"]);
  const format = useFormat();
  const agencyName = useNamer(useAgencies().data);
  const categoryName = useNamer(useCategories().data);
  const channelName = useNamer(useChannels().data);
  return (
    <Stack gap={6}>
      <Group gap="sm" wrap="wrap">
        <Text c="dimmed" fw={600} data-testid="ticket-no">
          {t("complaint.ticket", { ticket: format.digits(complaint.ticket_no) })}
        </Text>
        <StatusBadge status={complaint.status} />
        <Badge color={TRIAGE_COLOR[complaint.triage] ?? "gray"} variant="outline">
          {t(`triage.${complaint.triage}`, { ns: "common", defaultValue: complaint.triage })}
        </Badge>
        {complaint.imported && (
          <Badge color="gray" variant="outline">
            {t("complaint.imported")}
          </Badge>
        )}
      </Group>
      <Title order={2}>{complaint.title}</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <Fact label={t("complaint.category")}>{categoryName(complaint.category)}</Fact>
        <Fact label={t("complaint.channel")}>{channelName(complaint.channel)}</Fact>
        <Fact label={t("complaint.receivingAgency")}>{agencyName(complaint.receiving_agency)}</Fact>
        <Fact label={t("complaint.receivedAt")}>{format.dateTime(complaint.received_at)}</Fact>
        <Fact label={t("complaint.agencies")}>
          {complaint.agencies.length > 0 ? complaint.agencies.map((code) => agencyName(code)).join(", ") : t("complaint.noAgency")}
        </Fact>
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Box>
  );
}

function Details({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const groupName = useNamer(useGroups().data);
  const agencyName = useNamer(useAgencies().data);
  const person = complaint.complainant;
  const hasContact = Boolean(person.name || person.phone || person.email);
  const group = complaint.complainant_group ?? person.group;
  const { lat, long, address } = complaint.location;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="details-title">
      <Title order={3} size="h4" id="details-title" mb="sm">
        {t("complaint.details")}
      </Title>
      <Stack gap="sm">
        <Text style={{ whiteSpace: "pre-wrap" }}>{complaint.description}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label={t("complaint.location")}>
            {address || (lat != null && long != null) ? [address, lat != null && long != null ? `${lat}, ${long}` : null].filter(Boolean).join(" · ") : "–"}
          </Fact>
          {complaint.occurred_at && <Fact label={t("complaint.occurredAt")}>{format.date(complaint.occurred_at)}</Fact>}
          <Fact label={t("complaint.complainant")}>
            {person.anonymous ? (
              t("complaint.anonymous")
            ) : hasContact ? (
              <span data-testid="complainant">{[person.name, person.phone, person.email].filter(Boolean).join(" · ")}</span>
            ) : person.redacted ? (
              <Text span size="sm" c="dimmed">
                {t("complaint.contactHidden")}
              </Text>
            ) : (
              "–"
            )}
          </Fact>
          {group && <Fact label={t("complaint.group")}>{groupName(group)}</Fact>}
          {complaint.duplicate_of && <Fact label={t("complaint.duplicateOf")}>{format.digits(complaint.duplicate_of)}</Fact>}
          {complaint.public_url && (
            <Fact label={t("complaint.publicLink")}>
              <Anchor href={complaint.public_url} target="_blank" rel="noreferrer" size="sm">
                {t("complaint.publicLinkOpen")}
              </Anchor>
            </Fact>
          )}
        </SimpleGrid>
        {lat != null && long != null && <MapPicker point={{ lat, long }} label={t("complaint.map")} height={220} />}
        {(complaint.assignments ?? []).length > 0 && (
          <Box>
            <Text size="xs" c="dimmed">
              {t("complaint.assignments")}
            </Text>
            <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: "none" }}>
              {(complaint.assignments ?? []).map((a) => (
                <Group component="li" key={`${a.agency}-${a.forwarded_at}`} gap="xs" wrap="nowrap">
                  <Text size="sm">{agencyName(a.agency) === a.agency ? (a.agency_name_th ?? a.agency) : agencyName(a.agency)}</Text>
                  <Badge size="sm" variant="light" color={a.status === "completed" ? "green" : a.status === "transferred" ? "gray" : "blue"}>
                    {t(`assignment.${a.status}`, { defaultValue: a.status })}
                  </Badge>
                </Group>
              ))}
            </Stack>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
