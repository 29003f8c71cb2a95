/** Service health at a glance: the gateway and each service's liveness (/healthz) and readiness
 * (/readyz: database, redis), with response times, asked again every 10 seconds. */
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, networkError, toApiError } from "../../api/errors";
import { useErrorMessage } from "../../api/useErrorText";
import { locale, useFormat } from "../../format";
import { usePrefs } from "../../prefs";

const REFRESH_MS = 10_000;
const SERVICES = ["intake", "scoring", "reporting"] as const;

type State = "ready" | "not_ready" | "down";
/** Why a probe failed: the server's error (e.g. the gateway's 503 `gateway.unavailable`), or an
 * answer that is not a health answer at all. */
type Failure = { kind: "api"; error: ApiError } | { kind: "unexpected"; status: number };

export interface Probe {
  state: State;
  /** /healthz answered `{"status": "ok"}` (the gateway has only this one). */
  alive: boolean;
  checks: Record<string, string>;
  /** Time to answer /readyz (the gateway: /healthz), in milliseconds. */
  ms: number;
  failure: Failure | null;
  checkedAt: number;
}

async function readJson(response: Response): Promise<unknown> {
  return response.json().catch(() => undefined);
}

async function isAlive(path: string): Promise<boolean> {
  try {
    const response = await fetch(path, { cache: "no-store" });
    const body = (await readJson(response)) as { status?: unknown } | undefined;
    return response.ok && body?.status === "ok";
  } catch {
    return false;
  }
}

/** Time one request; a failure to connect is a result (down), not a thrown error. */
async function timed(path: string): Promise<{ response: Response | null; body: unknown; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(path, { cache: "no-store" });
    const body = await readJson(response);
    return { response, body, ms: Math.round(performance.now() - started) };
  } catch {
    return { response: null, body: undefined, ms: Math.round(performance.now() - started) };
  }
}

export async function probeService(service: string): Promise<Probe> {
  const [ready, alive] = await Promise.all([timed(`/api/${service}/readyz`), isAlive(`/api/${service}/healthz`)]);
  const checkedAt = Date.now();
  const { response, body, ms } = ready;
  if (response === null) return { state: "down", alive, checks: {}, ms, failure: { kind: "api", error: networkError() }, checkedAt };
  const answer = body as { status?: unknown; checks?: unknown; error?: unknown } | undefined;
  if (answer && (answer.status === "ready" || answer.status === "not_ready")) {
    const checks = typeof answer.checks === "object" && answer.checks !== null ? (answer.checks as Record<string, string>) : {};
    return { state: answer.status, alive, checks, ms, failure: null, checkedAt };
  }
  if (answer?.error) {
    return { state: "down", alive, checks: {}, ms, failure: { kind: "api", error: await toApiError(response, body) }, checkedAt };
  }
  return { state: "down", alive, checks: {}, ms, failure: { kind: "unexpected", status: response.status }, checkedAt };
}

export async function probeGateway(): Promise<Probe> {
  const { response, body, ms } = await timed("/healthz");
  const checkedAt = Date.now();
  if (response === null) return { state: "down", alive: false, checks: {}, ms, failure: { kind: "api", error: networkError() }, checkedAt };
  if (response.ok && (body as { status?: unknown } | undefined)?.status === "ok") {
    return { state: "ready", alive: true, checks: {}, ms, failure: null, checkedAt };
  }
  const failure: Failure = (body as { error?: unknown } | undefined)?.error
    ? { kind: "api", error: await toApiError(response, body) }
    : { kind: "unexpected", status: response.status };
  return { state: "down", alive: false, checks: {}, ms, failure, checkedAt };
}

const COLOR: Record<State, string> = { ready: "green", not_ready: "orange", down: "red" };

function ProbeCard({ name, probe, isGateway }: { name: string; probe: Probe | undefined; isGateway: boolean }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const message = useErrorMessage();
  const title = isGateway ? t("health.gateway") : t(`health.service.${name}`, { defaultValue: name });
  return (
    <Card withBorder padding="md" data-testid={`health-${name}`} aria-label={title} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h4">
            {title}
          </Title>
          {probe ? (
            <Badge color={COLOR[probe.state]} variant="filled" size="lg" miw="max-content">
              {t(`health.state.${probe.state}`)}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" size="lg" miw="max-content">
              {t("health.checking")}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {isGateway ? "/healthz" : `/api/${name}/readyz · /healthz`}
        </Text>
        {probe && (
          <Table withRowBorders={false} verticalSpacing={4} aria-label={t("health.detailsOf", { name: title })}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" fw={500}>
                  {t("health.responseTime")}
                </Table.Th>
                <Table.Td>{t("health.ms", { ms: format.number(probe.ms) })}</Table.Td>
              </Table.Tr>
              {!isGateway && (
                <Table.Tr>
                  <Table.Th scope="row" fw={500}>
                    {t("health.process")}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" c={probe.alive ? "green" : "red"}>
                      {probe.alive ? t("health.alive") : t("health.notAnswering")}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {Object.entries(probe.checks).map(([check, result]) => (
                <Table.Tr key={check}>
                  <Table.Th scope="row" fw={500}>
                    {t(`health.check.${check}`, { defaultValue: check })}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" c={result === "ok" ? "green" : "red"}>
                      {result === "ok" ? t("health.ok") : result}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {probe?.failure && (
          <Alert color="red" variant="light" p="xs" role="alert">
            <Text size="sm">
              {probe.failure.kind === "api" ? message(probe.failure.error) : t("health.unexpected", { status: probe.failure.status })}
            </Text>
            {probe.failure.kind === "api" && (
              <Text size="xs" c="dimmed">
                {probe.failure.error.code}
              </Text>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export default function Health() {
  const { t } = useTranslation("admin");
  const prefs = usePrefs();
  const format = useFormat();
  const targets = [{ name: "gateway", probe: probeGateway }, ...SERVICES.map((s) => ({ name: s, probe: () => probeService(s) }))];
  const results = useQueries({
    queries: targets.map((target) => ({
      queryKey: ["health", target.name],
      queryFn: target.probe,
      refetchInterval: REFRESH_MS,
      staleTime: 0,
      retry: false,
    })),
  });
  const probes = results.map((r) => r.data);
  const known = probes.filter((p): p is Probe => p !== undefined);
  const troubled = known.filter((p) => p.state !== "ready").length;
  const lastChecked = known.length > 0 ? Math.max(...known.map((p) => p.checkedAt)) : null;
  const time = new Intl.DateTimeFormat(locale(prefs), { timeZone: "Asia/Bangkok", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const fetching = results.some((r) => r.isFetching);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t("health.title")}</Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {lastChecked === null
              ? t("health.checking")
              : t("health.lastChecked", { time: time.format(lastChecked), seconds: REFRESH_MS / 1000 })}
          </Text>
        </Stack>
        <Button variant="light" loading={fetching} onClick={() => results.forEach((r) => void r.refetch())}>
          {t("health.checkNow")}
        </Button>
      </Group>
      {known.length === targets.length && (
        <Alert color={troubled === 0 ? "green" : "red"} variant="light" data-testid="health-summary">
          {troubled === 0 ? t("health.allReady") : t("health.someTroubled", { count: troubled, n: format.number(troubled) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 4 }}>
        {targets.map((target, i) => (
          <ProbeCard key={target.name} name={target.name} probe={probes[i]} isGateway={target.name === "gateway"} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
