/** /work — what the agency must do next: overdue, due today, due within three working days. */
import { Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { memo, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { intake, must, scoring } from "../../api/client";
import { subtreeOf, useAgencies, useNamer } from "../../api/reference";
import { useUser } from "../../auth/AuthContext";
import { Empty, ErrorAlert, Loading } from "../../components/states";
import { useFormat } from "../../format";
import { WITHIN, type DueItem } from "./deadline";
import { WorklistRows } from "./WorklistRows";

/** The most the service gives in one answer. */
const LIMIT = 5000;
const REFRESH_MS = 60_000;
/** Pages of 200 complaints read to find the titles: enough for 10,000 open complaints. */
const TITLE_PAGES = 50;

function useDueList(agency: string) {
  return useQuery({
    queryKey: ["due", agency, WITHIN],
    queryFn: async () => {
      const list = await must(scoring.GET("/v1/due", { params: { query: { agency, within: WITHIN, limit: LIMIT } } }));
      // The start of the render measurement the end-to-end test reports (see WorklistRows).
      return { list, arrivedAt: performance.now() };
    },
    refetchInterval: REFRESH_MS,
  });
}

/** Complaint id → title. Scoring keeps no free text, so the titles come from intake's list of the
 * agency's complaints in the statuses the worklist shows (open ones: a page or two). */
function useTitles(agency: string, items: readonly DueItem[] | undefined) {
  const statuses = useMemo(() => [...new Set((items ?? []).map((item) => item.status))].sort(), [items]);
  const query = useQuery({
    queryKey: ["due-titles", agency, statuses],
    enabled: statuses.length > 0,
    staleTime: REFRESH_MS - 5_000,
    refetchInterval: REFRESH_MS,
    queryFn: async () => {
      const titles = new Map<string, string>();
      let cursor: string | undefined;
      for (let page = 0; page < TITLE_PAGES; page++) {
        const found = await must(
          // One comma-separated value: the gateway passes on only the last of repeated parameters.
          intake.GET("/v1/complaints", { params: { query: { agency, status: [statuses.join(",")], limit: 200, cursor } } }),
        );
        for (const complaint of found.items) titles.set(complaint.id, complaint.title);
        if (!found.next_cursor) break;
        cursor = found.next_cursor;
      }
      return titles;
    },
  });
  return query.data;
}

export default function Worklist() {
  const { t } = useTranslation("work");
  const user = useUser();
  const format = useFormat();
  const mayChoose = user.role === "supervisor" || user.role === "administrator";
  const [agency, setAgency] = useState(user.agency.code);
  const agencies = useAgencies();
  const agencyName = useNamer(agencies.data);
  const due = useDueList(agency);
  const titles = useTitles(agency, due.data?.list.items);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={0}>
          <Title order={2}>{t("worklist.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("worklist.subtitle", { agency: agencyName(agency), days: format.number(WITHIN) })}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          {mayChoose && <AgencyPicker root={user.agency.code} value={agency} onChange={setAgency} />}
          {due.data && (
            <Stack gap={2} align="flex-end">
              <Text size="xs" c="dimmed">
                {t("worklist.asOf", { time: format.dateTime(due.data.list.as_of) })}
              </Text>
              <Button size="xs" variant="light" onClick={() => void due.refetch()} loading={due.isFetching}>
                {t("worklist.refresh")}
              </Button>
            </Stack>
          )}
        </Group>
      </Group>

      {due.isPending ? (
        <Loading />
      ) : due.error ? (
        <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />
      ) : due.data.list.items.length === 0 ? (
        <Empty>{t("worklist.empty", { days: format.number(WITHIN) })}</Empty>
      ) : (
        <>
          {due.data.list.items.length >= LIMIT && (
            <Text size="sm" c="orange">
              {t("worklist.truncated", { n: format.number(LIMIT) })}
            </Text>
          )}
          <WorklistRows
            items={due.data.list.items}
            arrivedAt={due.data.arrivedAt}
            titles={titles}
            agencyName={agencyName}
          />
        </>
      )}
    </Stack>
  );
}

/** The agencies under the user's. Kept apart from the list, and given its options only while open:
 * Mantine renders a Select's options even while it is closed, and there are hundreds. */
const AgencyPicker = memo(function AgencyPicker({
  root,
  value,
  onChange,
}: {
  root: string;
  value: string;
  onChange: (code: string) => void;
}) {
  const { t, i18n } = useTranslation("work");
  const agencies = useAgencies();
  const name = useNamer(agencies.data);
  const [opened, setOpened] = useState(false);
  const options = useMemo(
    () => subtreeOf(agencies.data ?? [], root).map(({ agency: a }) => ({ value: a.code, label: `${name(a.code)} (${a.code})` })),
    // `name` is new on every render; what it says depends only on the list and the language.
    [agencies.data, root, i18n.language],
  );
  return (
    <Select
      label={t("worklist.agency")}
      searchable
      // Closed, only the chosen agency is needed (for its label).
      data={opened ? options : options.filter((option) => option.value === value)}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      value={value}
      onChange={(code) => code && onChange(code)}
      allowDeselect={false}
      nothingFoundMessage={t("worklist.noAgency")}
      limit={100}
      w={340}
    />
  );
});
