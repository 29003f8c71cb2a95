/** The printable receipt (ใบรับเรื่องร้องเรียน) handed to the complainant. */
import { Anchor, Button, Divider, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { intake, must } from "../../api/client";
import { useAgencies, useCategories, useChannels, useNamer } from "../../api/reference";
import type { Complaint } from "../../api/types";
import { QueryState } from "../../components/states";
import { useFormat } from "../../format";
import "./receipt.css";

export default function Receipt() {
  const { id = "" } = useParams();
  const { t } = useTranslation("desk");
  const complaint = useQuery({
    queryKey: ["complaint", id],
    queryFn: () => must(intake.GET("/v1/complaints/{complaint_id}", { params: { path: { complaint_id: id } } })),
  });
  return (
    <Stack gap="md" data-print-receipt>
      <Group justify="space-between" className="no-print">
        <Title order={2}>{t("receipt.pageTitle")}</Title>
        <Group gap="sm">
          <Button onClick={() => window.print()} disabled={!complaint.data}>
            {t("receipt.print")}
          </Button>
          <Button component={Link} to="/desk/new" variant="default">
            {t("receipt.newComplaint")}
          </Button>
        </Group>
      </Group>
      <QueryState query={complaint}>{(data) => <ReceiptSheet complaint={data} />}</QueryState>
    </Stack>
  );
}

function ReceiptSheet({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation("desk");
  const format = useFormat();
  const agencyName = useNamer(useAgencies().data);
  const categoryName = useNamer(useCategories().data);
  const channelName = useNamer(useChannels().data);
  const forwardedTo = complaint.assignments?.filter((a) => a.status !== "transferred").map((a) => agencyName(a.agency)) ?? [];

  const rows: [string, string][] = [
    [t("receipt.received"), format.dateTime(complaint.received_at)],
    [t("receipt.subject"), complaint.title],
    [t("receipt.category"), categoryName(complaint.category)],
    [t("receipt.channel"), channelName(complaint.channel)],
    [t("receipt.receivingAgency"), agencyName(complaint.receiving_agency)],
  ];
  if (forwardedTo.length > 0) rows.push([t("receipt.forwardedTo"), forwardedTo.join(", ")]);
  if (complaint.duplicate_of) rows.push([t("receipt.duplicateOf"), format.digits(complaint.duplicate_of)]);

  return (
    <Paper withBorder p="xl" maw={720} className="receipt-sheet">
      <Stack gap="md">
        <Stack gap={2} align="center">
          <Title order={3}>{t("receipt.heading")}</Title>
          <Text c="dimmed">{agencyName(complaint.receiving_agency)}</Text>
        </Stack>
        <Stack gap={0} align="center">
          <Text size="sm" c="dimmed">
            {t("receipt.ticketNo")}
          </Text>
          <Text fz={36} fw={700} lh={1.2} data-testid="ticket-no">
            {format.digits(complaint.ticket_no)}
          </Text>
        </Stack>
        <Table variant="vertical" withTableBorder layout="fixed">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={200}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Divider />
        {complaint.public_url ? (
          <Stack gap={4}>
            <Text fw={600}>{t("receipt.followTitle")}</Text>
            <Text size="sm">{t("receipt.followHint")}</Text>
            <Anchor href={complaint.public_url} target="_blank" rel="noopener" data-testid="public-link" style={{ wordBreak: "break-all" }}>
              {complaint.public_url}
            </Anchor>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("receipt.noLink")}
          </Text>
        )}
        <Text size="xs" c="dimmed" ta="right">
          {t("receipt.printedAt", { date: format.dateTime(new Date()) })}
        </Text>
      </Stack>
    </Paper>
  );
}
