/** The complainant's status page, reached through the link on the receipt (no login). */
import { Alert, Button, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { intake, must } from "../../api/client";
import type { IntakeSchemas } from "../../api/types";
import { QueryState } from "../../components/states";
import { StatusBadge } from "../../components/StatusBadge";
import { useFormat } from "../../format";
import { PublicFrame } from "./PublicFrame";

type PublicStatus = IntakeSchemas["PublicStatus"];

interface Step {
  type: string;
  at: string;
  label_th: string;
  label_en: string;
}

/** The timeline's entries as the API describes them (typed loosely in the schema). */
function steps(timeline: PublicStatus["timeline"]): Step[] {
  return timeline.map((entry) => ({
    type: String(entry.type ?? ""),
    at: String(entry.at ?? ""),
    label_th: String(entry.label_th ?? entry.type ?? ""),
    label_en: String(entry.label_en ?? entry.label_th ?? entry.type ?? ""),
  }));
}

export default function Status() {
  const { token = "" } = useParams();
  const status = useQuery({
    queryKey: ["public-status", token],
    queryFn: () => must(intake.GET("/v1/public/complaints/{token}", { params: { path: { token } } })),
  });
  return (
    <PublicFrame>
      <QueryState query={status}>{(data) => <StatusView status={data} token={token} />}</QueryState>
    </PublicFrame>
  );
}

function StatusView({ status, token }: { status: PublicStatus; token: string }) {
  const { t, i18n } = useTranslation(["public", "common"]);
  const format = useFormat();
  const english = i18n.language === "en";
  const timeline = steps(status.timeline);
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t("status.ticketNo")}
        </Text>
        <Title order={1} fz={{ base: 26, xs: 32 }} data-testid="public-ticket-no" style={{ wordBreak: "break-word" }}>
          {format.digits(status.ticket_no)}
        </Title>
      </Stack>
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={{ base: 110, xs: 160 }}>{t("status.subject")}</Table.Th>
            <Table.Td>{status.title}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("status.category")}</Table.Th>
            <Table.Td>{status.category_th}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("status.status")}</Table.Th>
            <Table.Td>
              <StatusBadge status={status.status} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("status.received")}</Table.Th>
            <Table.Td>{format.dateTime(status.received_at)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      {status.result && (
        <Alert color="green" title={t("status.result")}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {status.result}
          </Text>
        </Alert>
      )}

      <section aria-labelledby="timeline-title">
        <Title order={2} size="h4" id="timeline-title" mb="sm">
          {t("status.timeline")}
        </Title>
        {timeline.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("empty", { ns: "common" })}
          </Text>
        ) : (
          <Timeline active={timeline.length - 1} bulletSize={16} lineWidth={2}>
            {timeline.map((step, index) => (
              <Timeline.Item key={`${step.type}-${index}`} title={english ? step.label_en : step.label_th}>
                <Text size="xs" c="dimmed">
                  {format.dateTime(step.at)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </section>

      {status.survey_available ? (
        <Stack gap="xs">
          <Text size="sm">{t("status.surveyInvite")}</Text>
          <Button component={Link} to={`/p/${token}/survey`} size="md" fullWidth>
            {t("status.toSurvey")}
          </Button>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("status.surveyDone")}
        </Text>
      )}
    </Stack>
  );
}
