/** Scoring's working-day calendar: a month view, the administrators' overrides and outage windows,
 * and a working-day calculator. */
import { Grid, Stack, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { today } from "../../format";
import { monthOf, type Month } from "./calendarDates";
import { CalendarMonth } from "./CalendarMonth";
import { OutagesPanel, OverridesPanel } from "./CalendarOverrides";
import { WorkingDayCalculator } from "./WorkingDayCalculator";

export default function Calendar() {
  const { t } = useTranslation("admin");
  const [month, setMonth] = useState<Month>(() => monthOf(today()));
  return (
    <Stack>
      <Title order={2}>{t("calendar.title")}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <CalendarMonth month={month} onMonth={setMonth} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <WorkingDayCalculator />
            <Text size="sm" c="dimmed">
              {t("calendar.explain")}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
      <Tabs defaultValue="overrides" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overrides">{t("calendar.overrides.title")}</Tabs.Tab>
          <Tabs.Tab value="outages">{t("calendar.outages.title")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overrides" pt="md">
          <OverridesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="outages" pt="md">
          <OutagesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
