/** One month of the working-day calendar: each day working or not, and why. */
import { Badge, Box, Button, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import type { ScoringSchemas } from "../../api/types";
import { MonthInput } from "../../components/MonthInput";
import { ErrorAlert, Loading } from "../../components/states";
import { today, useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { firstDay, lastDay, longDay, monthTitle, shiftMonth, weekdayNames, weeksOf, type Month } from "./calendarDates";

type Day = ScoringSchemas["DayOut"];

/** Background of a day: weekends grey, holidays red, an administrator's decision orange (holiday)
 * or blue (working day). */
function colorOf(day: Day | undefined): string | undefined {
  if (!day) return undefined;
  if (day.kind === "override") return day.working ? "var(--mantine-color-blue-1)" : "var(--mantine-color-orange-1)";
  if (day.kind === "holiday") return "var(--mantine-color-red-1)";
  if (day.kind === "weekend") return "var(--mantine-color-gray-1)";
  return undefined;
}

/** A holiday's name in the screen's language; an override's name as its administrator typed it. */
function useDayName() {
  const { language } = usePrefs();
  return (day: Day): string | null | undefined => (language === "en" && day.name_en ? day.name_en : day.name);
}

export function useDayDescription() {
  const { t } = useTranslation("admin");
  const dayName = useDayName();
  return (day: Day): string => {
    const what =
      day.kind === "override"
        ? t(day.working ? "calendar.kind.overrideWorking" : "calendar.kind.overrideHoliday")
        : t(`calendar.kind.${day.kind}`, { defaultValue: day.kind });
    const reference = day.reference ? ` (${day.reference})` : "";
    const name = dayName(day);
    return name ? `${what}: ${name}${reference}` : what;
  };
}

export function CalendarMonth({ month, onMonth }: { month: Month; onMonth: (month: Month) => void }) {
  const { t } = useTranslation("admin");
  const prefs = usePrefs();
  const format = useFormat();
  const describe = useDayDescription();
  const dayName = useDayName();
  const from = firstDay(month);
  const to = lastDay(month);
  const days = useQuery({
    queryKey: ["calendar", "days", from, to],
    queryFn: () => must(scoring.GET("/v1/calendar", { params: { query: { from, to } } })),
    placeholderData: (previous) => previous,
  });
  const byDate = new Map((days.data ?? []).filter((d) => d.date >= from && d.date <= to).map((d) => [d.date, d]));
  const now = today();
  const notable = [...byDate.values()].filter((d) => d.kind === "holiday" || d.kind === "override");
  const working = [...byDate.values()].filter((d) => d.working).length;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-month-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Button variant="default" onClick={() => onMonth(shiftMonth(month, -1))} aria-label={t("calendar.previousMonth")}>
            ‹ {t("calendar.previous")}
          </Button>
          <Title order={3} id="calendar-month-title" data-testid="calendar-month-title">
            {monthTitle(month, prefs)}
          </Title>
          <Button variant="default" onClick={() => onMonth(shiftMonth(month, 1))} aria-label={t("calendar.nextMonth")}>
            {t("calendar.next")} ›
          </Button>
        </Group>
        <Group justify="space-between" align="flex-end">
          <MonthInput
            label={t("calendar.goTo")}
            value={`${month.year}-${String(month.month).padStart(2, "0")}`}
            onChange={(picked) => onMonth({ year: Number(picked.slice(0, 4)), month: Number(picked.slice(5, 7)) })}
            w={220}
          />
          <Button variant="subtle" onClick={() => onMonth({ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) })}>
            {t("calendar.thisMonth")}
          </Button>
        </Group>
        {days.isPending ? (
          <Loading />
        ) : days.error ? (
          <ErrorAlert error={days.error} onRetry={() => void days.refetch()} />
        ) : (
          <>
            <Table layout="fixed" withTableBorder withColumnBorders aria-label={t("calendar.monthTable", { month: monthTitle(month, prefs) })}>
              <Table.Thead>
                <Table.Tr>
                  {weekdayNames(prefs).map((name) => (
                    <Table.Th key={name} ta="center">
                      {name}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {weeksOf(month).map((week, i) => (
                  <Table.Tr key={i}>
                    {week.map((date, j) => {
                      const day = date ? byDate.get(date) : undefined;
                      if (!date) return <Table.Td key={`pad-${j}`} />;
                      const description = day ? describe(day) : "";
                      return (
                        <Table.Td
                          key={date}
                          data-testid={`day-${date}`}
                          data-working={day ? String(day.working) : undefined}
                          aria-label={`${longDay(date, prefs)} — ${description}`}
                          title={description}
                          style={{
                            background: colorOf(day),
                            verticalAlign: "top",
                            height: 64,
                            outline: date === now ? "2px solid var(--mantine-color-indigo-6)" : undefined,
                            outlineOffset: -2,
                          }}
                          p={4}
                        >
                          <Text size="sm" fw={700} c={day && !day.working ? "red.8" : undefined}>
                            {format.number(Number(date.slice(8)))}
                          </Text>
                          {day && day.kind !== "weekday" && day.kind !== "weekend" && (
                            <Text size="xs" lineClamp={2} lh={1.2}>
                              {dayName(day) ?? t(`calendar.kind.${day.kind}`, { defaultValue: day.kind })}
                            </Text>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group gap="xs">
              <Legend color="var(--mantine-color-gray-1)" label={t("calendar.kind.weekend")} />
              <Legend color="var(--mantine-color-red-1)" label={t("calendar.kind.holiday")} />
              <Legend color="var(--mantine-color-orange-1)" label={t("calendar.kind.overrideHoliday")} />
              <Legend color="var(--mantine-color-blue-1)" label={t("calendar.kind.overrideWorking")} />
              <Text size="sm" ml="auto">
                {t("calendar.workingDays", { n: format.number(working) })}
              </Text>
            </Group>
            {notable.length > 0 && (
              <Box>
                <Text size="sm" fw={600}>
                  {t("calendar.notableDays")}
                </Text>
                <List size="sm" spacing={2} data-testid="calendar-notable">
                  {notable.map((day) => (
                    <List.Item key={day.date}>
                      <Text span size="sm" fw={500}>
                        {format.date(day.date)}
                      </Text>{" "}
                      <Badge size="xs" variant="light" color={day.working ? "blue" : "red"}>
                        {day.working ? t("calendar.working") : t("calendar.notWorking")}
                      </Badge>{" "}
                      {describe(day)}
                    </List.Item>
                  ))}
                </List>
              </Box>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Box w={14} h={14} style={{ background: color, border: "1px solid var(--mantine-color-gray-4)" }} aria-hidden />
      <Text size="xs">{label}</Text>
    </Group>
  );
}
