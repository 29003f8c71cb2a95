/** "The n-th working day after a date", as scoring counts deadlines. */
import { Alert, Button, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { must, scoring } from "../../api/client";
import { useErrorText } from "../../api/useErrorText";
import { today, useFormat } from "../../format";
import { usePrefs } from "../../prefs";
import { longDay } from "./calendarDates";
import { FormAlert } from "./shared";
import { DateInput } from "../../components/DateInput";

export function WorkingDayCalculator() {
  const { t } = useTranslation("admin");
  const prefs = usePrefs();
  const format = useFormat();
  const errorText = useErrorText();
  const [date, setDate] = useState(today);
  const [n, setN] = useState<number | string>(1);
  const compute = useMutation({
    mutationFn: (query: { date: string; n: number }) =>
      must(scoring.GET("/v1/calendar/add-working-days", { params: { query } })).then((answer) => ({ ...query, result: answer.date })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    compute.mutate({ date, n: typeof n === "number" ? n : Number.parseInt(n, 10) });
  }
  const answer = compute.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calculator-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={4} id="calculator-title">
            {t("calendar.calculator.title")}
          </Title>
          <Group align="flex-start" grow>
            <DateInput
              label={t("calendar.calculator.date")}
              value={date}
              onChange={setDate}
              error={errorText(compute.error, "date")}
              required
            />
            <NumberInput
              label={t("calendar.calculator.n")}
              description={t("calendar.calculator.nHint")}
              value={n}
              onChange={setN}
              min={1}
              max={3650}
              allowDecimal={false}
              error={errorText(compute.error, "n")}
              required
            />
          </Group>
          <FormAlert error={compute.error} fields={["date", "n"]} />
          <Group justify="flex-end">
            <Button type="submit" loading={compute.isPending}>
              {t("calendar.calculator.compute")}
            </Button>
          </Group>
          {answer && !compute.error && (
            <Alert color="indigo" variant="light" data-testid="calculator-result" aria-live="polite">
              <Text size="sm">{t("calendar.calculator.result", { n: format.number(answer.n), date: format.date(answer.date) })}</Text>
              <Text size="lg" fw={700}>
                {longDay(answer.result, prefs)}
              </Text>
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
