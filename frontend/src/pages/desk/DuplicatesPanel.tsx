/** Complaints like the one being typed (same category, similar title, nearby), asked for while typing. */
import { Anchor, Button, Card, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { intake, must } from "../../api/client";
import type { IntakeSchemas } from "../../api/types";
import { ErrorAlert } from "../../components/states";
import { StatusBadge } from "../../components/StatusBadge";
import { useFormat } from "../../format";

export type Candidate = IntakeSchemas["DuplicateCandidate"];

interface Probe {
  category: string | null;
  text: string;
  lat?: number;
  long?: number;
}

/** The wait after the last key stroke before asking the server. */
export const DUPLICATE_DEBOUNCE_MS = 400;

export function DuplicatesPanel({
  probe,
  onAttach,
  attaching,
  disabled,
}: {
  probe: Probe;
  onAttach: (candidate: Candidate) => void;
  /** The candidate being attached to, while saving. */
  attaching: string | null;
  disabled: boolean;
}) {
  const { t } = useTranslation("desk");
  const format = useFormat();
  // A string, so that an equal probe does not restart the wait on every render.
  const [settled] = useDebouncedValue(JSON.stringify(probe), DUPLICATE_DEBOUNCE_MS);
  const query = JSON.parse(settled) as Probe;
  const ready = Boolean(query.category) && query.text.length > 0;
  const duplicates = useQuery({
    queryKey: ["duplicates", query],
    queryFn: () =>
      must(
        intake.GET("/v1/complaints/duplicates", {
          params: { query: { category: query.category ?? "", text: query.text, lat: query.lat, long: query.long } },
        }),
      ),
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  return (
    <Paper withBorder p="md" component="aside" aria-labelledby="duplicates-title" data-testid="duplicates" pos="sticky" top={72}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={3} size="h4" id="duplicates-title">
          {t("duplicates.title")}
        </Title>
        {ready && duplicates.isFetching && <Loader size="xs" aria-label={t("duplicates.checking")} />}
      </Group>
      <div aria-live="polite">
        {!ready ? (
          <Text size="sm" c="dimmed">
            {t("duplicates.hint")}
          </Text>
        ) : duplicates.error ? (
          <ErrorAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />
        ) : duplicates.data === undefined ? (
          <Text size="sm" c="dimmed">
            {t("duplicates.checking")}
          </Text>
        ) : duplicates.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("duplicates.none")}
          </Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm">{t("duplicates.found", { count: duplicates.data.length })}</Text>
            {duplicates.data.map((candidate) => (
              <Card key={candidate.id} withBorder padding="sm" data-testid="duplicate">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/complaints/${candidate.id}`} target="_blank" fw={600} size="sm">
                    {format.digits(candidate.ticket_no)}
                  </Anchor>
                  <StatusBadge status={candidate.status} />
                </Group>
                <Text size="sm" mt={4}>
                  {candidate.title}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {t("duplicates.received", { date: format.date(candidate.received_at) })}
                  {" · "}
                  {t("duplicates.similarity", { value: format.number(candidate.similarity * 100, 0) })}
                  {candidate.distance_m !== null && candidate.distance_m !== undefined && (
                    <>
                      {" · "}
                      {t("duplicates.distance", { value: format.number(candidate.distance_m, 0) })}
                    </>
                  )}
                </Text>
                <Button
                  mt="xs"
                  size="xs"
                  variant="light"
                  color="orange"
                  disabled={disabled}
                  loading={attaching === candidate.id}
                  aria-label={t("duplicates.attachTo", { ticket: candidate.ticket_no })}
                  onClick={() => onAttach(candidate)}
                >
                  {t("duplicates.attach")}
                </Button>
              </Card>
            ))}
          </Stack>
        )}
      </div>
    </Paper>
  );
}
