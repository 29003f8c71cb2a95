/** The worklist itself: one virtualised list of the three sections (overdue, due today, due soon),
 * so that thousands of rows cost what a screenful costs. */
import { Badge, Box, Button, Group, Text, Title } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../format";
import classes from "./WorklistRows.module.css";
import { URGENCY_COLOR, useDeadlineLabel, WITHIN, type DueItem, type Urgency } from "./deadline";

export const BUCKETS: readonly Urgency[] = ["overdue", "due_today", "due_soon"];

type Entry = { kind: "header"; bucket: Urgency; count: number } | { kind: "row"; item: DueItem };

const HEADER_HEIGHT = 44;
const ROW_HEIGHT = 60;

/** The sections in deadline order, each sorted by due time (then ticket), behind its header. */
export function arrange(items: readonly DueItem[]): {
  entries: Entry[];
  headerAt: Record<Urgency, number>;
  counts: Record<Urgency, number>;
} {
  const byBucket: Record<Urgency, { due: number; item: DueItem }[]> = { overdue: [], due_today: [], due_soon: [] };
  for (const item of items) byBucket[item.bucket].push({ due: Date.parse(item.due), item });
  const entries: Entry[] = [];
  const headerAt = { overdue: 0, due_today: 0, due_soon: 0 };
  const counts = { overdue: 0, due_today: 0, due_soon: 0 };
  for (const bucket of BUCKETS) {
    const rows = byBucket[bucket].sort((a, b) => a.due - b.due || a.item.ticket_no.localeCompare(b.item.ticket_no));
    headerAt[bucket] = entries.length;
    counts[bucket] = rows.length;
    entries.push({ kind: "header", bucket, count: rows.length });
    for (const row of rows) entries.push({ kind: "row", item: row.item });
  }
  return { entries, headerAt, counts };
}

interface Props {
  items: readonly DueItem[];
  /** `performance.now()` when the list arrived: the render time is measured from it. */
  arrivedAt: number;
  titles: Map<string, string> | undefined;
  agencyName: (code: string) => string;
}

export function WorklistRows({ items, arrivedAt, titles, agencyName }: Props) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { entries, headerAt, counts } = useMemo(() => arrange(items), [items]);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (entries[index]?.kind === "header" ? HEADER_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });

  // The end-to-end test reports how long the list takes from its data to its first paint. A frame
  // callback runs just before the paint; the timeout after it runs once the frame is painted.
  useLayoutEffect(() => {
    const container = scrollRef.current;
    if (!container) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        container.dataset.renderMs = (performance.now() - arrivedAt).toFixed(1);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [arrivedAt]);

  return (
    <>
      <Group gap="xs" aria-label={t("worklist.summary")} role="group">
        {BUCKETS.map((bucket) => (
          <Button
            key={bucket}
            size="xs"
            variant="light"
            color={URGENCY_COLOR[bucket]}
            data-testid={`worklist-count-${bucket}`}
            onClick={() => virtualizer.scrollToIndex(headerAt[bucket], { align: "start" })}
          >
            {t(`worklist.section.${bucket}`, { days: format.number(WITHIN) })}: {format.number(counts[bucket])}
          </Button>
        ))}
      </Group>
      <Box
        ref={scrollRef}
        data-testid="worklist"
        data-count={items.length}
        role="region"
        aria-label={t("worklist.listLabel")}
        tabIndex={0}
        h="calc(100dvh - 230px)"
        mih={320}
        style={{ overflowY: "auto", border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-sm)" }}
      >
        <div role="list" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const entry = entries[virtual.index];
            if (!entry) return null;
            return (
              <div
                key={entry.kind === "header" ? entry.bucket : `${entry.item.complaint_id}:${entry.item.agency}:${entry.item.duty}`}
                role="listitem"
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: virtual.size, transform: `translateY(${virtual.start}px)` }}
              >
                {entry.kind === "header" ? (
                  <SectionHeader bucket={entry.bucket} count={entry.count} />
                ) : (
                  <Row item={entry.item} title={titles?.get(entry.item.complaint_id)} agencyName={agencyName(entry.item.agency)} />
                )}
              </div>
            );
          })}
        </div>
      </Box>
    </>
  );
}

function SectionHeader({ bucket, count }: { bucket: Urgency; count: number }) {
  const { t } = useTranslation("work");
  const format = useFormat();
  return (
    <Group h={HEADER_HEIGHT} px="sm" gap="sm" bg="var(--mantine-color-gray-0)" data-testid={`worklist-section-${bucket}`} wrap="nowrap">
      <Title order={3} size="h5">
        {t(`worklist.section.${bucket}`, { days: format.number(WITHIN) })}
      </Title>
      <Badge color={URGENCY_COLOR[bucket]} variant="filled" aria-label={t("worklist.count", { n: format.number(count) })}>
        {format.number(count)}
      </Badge>
      {count === 0 && (
        <Text size="sm" c="dimmed">
          {t("worklist.sectionEmpty")}
        </Text>
      )}
    </Group>
  );
}

const Row = memo(function Row({ item, title, agencyName }: { item: DueItem; title: string | undefined; agencyName: string }) {
  const { t } = useTranslation("work");
  const format = useFormat();
  const deadline = useDeadlineLabel();
  const ticket = format.digits(item.ticket_no);
  return (
    <Link to={`/complaints/${item.complaint_id}`} data-testid="worklist-row" data-bucket={item.bucket} className={classes.row}>
      <Badge color={URGENCY_COLOR[item.bucket]} variant="light" className={classes.badge}>
        {deadline(item.bucket, item.working_days_left)}
      </Badge>
      <span className={classes.main}>
        <span className={classes.strong}>{title ?? ticket}</span>
        <span className={classes.dim}>
          {ticket} · {agencyName}
        </span>
      </span>
      <span className={classes.duty}>
        <span className={classes.plain}>{t(`duty.${item.duty}`)}</span>
        <span className={classes.dim}>{t("worklist.dueOn", { date: format.date(item.due) })}</span>
      </span>
    </Link>
  );
});
