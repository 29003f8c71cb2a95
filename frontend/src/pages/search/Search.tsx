/** Find any complaint the user may see: by ticket number, complainant name or phone, Thai text and filters. */
import { Anchor, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { intake, must } from "../../api/client";
import { useAgencies, useCategories, useChannels, useNamer, useOptions } from "../../api/reference";
import type { ComplaintSummary } from "../../api/types";
import { useErrorText } from "../../api/useErrorText";
import { DataTable } from "../../components/DataTable";
import { Empty, ErrorAlert, Loading } from "../../components/states";
import { StatusBadge } from "../../components/StatusBadge";
import { useFormat } from "../../format";
import { NO_FILTERS, readFilters, toQuery, writeFilters, type Filters } from "./filters";
import { DateInput } from "../../components/DateInput";

const STATUSES = ["received", "forwarded", "in_progress", "completed", "concluded", "rejected", "duplicate"] as const;
const PAGE_SIZE = 50;

export default function Search() {
  const { t } = useTranslation(["desk", "common"]);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const applied = readFilters(new URLSearchParams(paramsKey));
  const [form, setForm] = useState<Filters>(applied);

  // Back/forward and shared links change the address: the form shows what is searched.
  useEffect(() => {
    setForm(readFilters(new URLSearchParams(paramsKey)));
  }, [paramsKey]);

  const categoryOptions = useOptions(useCategories().data);
  const channelOptions = useOptions(useChannels().data);
  const agencyOptions = useOptions(useAgencies().data).map((o) => ({ value: o.value, label: `${o.label} (${o.value})` }));
  const statusOptions = STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, { ns: "common" }) }));

  const results = useInfiniteQuery({
    queryKey: ["complaint-search", paramsKey],
    queryFn: ({ pageParam }) =>
      must(intake.GET("/v1/complaints", { params: { query: { ...toQuery(applied), cursor: pageParam ?? undefined, limit: PAGE_SIZE } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });

  const set = (change: Partial<Filters>) => setForm((f) => ({ ...f, ...change }));
  const fieldError = (field: string) => errorText(results.error, field);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(writeFilters(form));
  }

  function clear() {
    setForm(NO_FILTERS);
    setParams(new URLSearchParams());
  }

  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={2}>{t("search.title")}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} role="search" aria-label={t("search.title")}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <TextInput
                label={t("search.text")}
                placeholder={t("search.textHint")}
                value={form.q}
                onChange={(e) => set({ q: e.currentTarget.value })}
                error={fieldError("q")}
                autoFocus
              />
              <TextInput
                label={t("search.ticketNo")}
                value={form.ticket_no}
                onChange={(e) => set({ ticket_no: e.currentTarget.value })}
                error={fieldError("ticket_no")}
              />
              <TextInput
                label={t("search.name")}
                value={form.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                error={fieldError("name")}
              />
              <TextInput
                label={t("search.phone")}
                type="tel"
                value={form.phone}
                onChange={(e) => set({ phone: e.currentTarget.value })}
                error={fieldError("phone")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <MultiSelect
                label={t("search.status")}
                data={statusOptions}
                value={form.status}
                onChange={(status) => set({ status })}
                clearable
                error={fieldError("status")}
              />
              <Select
                label={t("search.category")}
                data={categoryOptions}
                value={form.category || null}
                onChange={(value) => set({ category: value ?? "" })}
                searchable
                clearable
                nothingFoundMessage={t("new.nothingFound")}
                error={fieldError("category")}
              />
              <Select
                label={t("search.channel")}
                data={channelOptions}
                value={form.channel || null}
                onChange={(value) => set({ channel: value ?? "" })}
                searchable
                clearable
                nothingFoundMessage={t("new.nothingFound")}
                error={fieldError("channel")}
              />
              <Select
                label={t("search.agency")}
                description={t("search.agencyHint")}
                data={agencyOptions}
                value={form.agency || null}
                onChange={(value) => set({ agency: value ?? "" })}
                searchable
                clearable
                limit={50}
                nothingFoundMessage={t("new.nothingFound")}
                error={fieldError("agency")}
              />
              <DateInput
                label={t("search.receivedFrom")}
                value={form.received_from}
                onChange={(value) => set({ received_from: value })}
                error={fieldError("received_from")}
              />
              <DateInput
                label={t("search.receivedTo")}
                value={form.received_to}
                onChange={(value) => set({ received_to: value })}
                error={fieldError("received_to")}
              />
            </SimpleGrid>
            <Group gap="sm">
              <Button type="submit">{t("search.submit")}</Button>
              <Button variant="default" onClick={clear}>
                {t("search.clear")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <section aria-labelledby="search-results">
        <Title order={3} size="h4" id="search-results" mb="xs">
          {t("search.results")}
        </Title>
        {results.isPending ? (
          <Loading />
        ) : results.error && !results.data ? (
          <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
        ) : items.length === 0 ? (
          <Empty>{t("search.none")}</Empty>
        ) : (
          <Stack gap="sm">
            <ResultsTable items={items} />
            <Group gap="md">
              <Text size="sm" c="dimmed" aria-live="polite">
                {t(results.hasNextPage ? "search.shownMore" : "search.shownAll", { count: items.length })}
              </Text>
              {results.hasNextPage && (
                <Button variant="light" onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                  {t("search.loadMore")}
                </Button>
              )}
            </Group>
            {results.isFetchNextPageError && <ErrorAlert error={results.error} onRetry={() => void results.fetchNextPage()} />}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function ResultsTable({ items }: { items: ComplaintSummary[] }) {
  const { t } = useTranslation("desk");
  const format = useFormat();
  const agencyName = useNamer(useAgencies().data);
  const categoryName = useNamer(useCategories().data);
  return (
    <DataTable
      striped
      highlightOnHover
      minWidth={900}
      columns={[
        t("search.col.ticket"),
        t("search.col.title"),
        { label: t("search.col.status"), miw: 170 },
        t("search.col.category"),
        t("search.col.agency"),
        t("search.col.received"),
      ]}
      rows={items}
    >
      {(c) => (
        <Table.Tr key={c.id}>
          <Table.Td style={{ whiteSpace: "nowrap" }}>
            <Anchor component={Link} to={`/complaints/${c.id}`}>
              {format.digits(c.ticket_no)}
            </Anchor>
          </Table.Td>
          <Table.Td>{c.title}</Table.Td>
          <Table.Td>
            <StatusBadge status={c.status} />
          </Table.Td>
          <Table.Td>{categoryName(c.category)}</Table.Td>
          <Table.Td>{(c.agencies.length > 0 ? c.agencies : [c.receiving_agency]).map(agencyName).join(", ")}</Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{format.date(c.received_at)}</Table.Td>
        </Table.Tr>
      )}
    </DataTable>
  );
}
