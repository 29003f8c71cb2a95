/** A day (or, `withTime`, a moment in Bangkok time) in the Buddhist era: Mantine's date input with its
 * calendar in Thai and Buddhist-era years ("พฤศจิกายน 2569"), the field showing "21 พ.ย. 2569"
 * ("21 Nov 2569 BE" in English, as `format.ts` writes dates), and the keyboard taking 21/11/2569, 21/11/2026 or 2026-11-21. The
 * value is "YYYY-MM-DD" ("YYYY-MM-DDTHH:mm" `withTime`), and "" while the field is empty or its text
 * is no date, which the field then says under it. */
import { DateInput as MantineDateInput, type CalendarAriaLabels, type DateInputProps } from "@mantine/dates";
import "@mantine/dates/styles.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../format";
import { usePrefs } from "../prefs";
import { parseDate, showDate, yearFormat } from "./dateText";

// The calendar's arrows; its header keeps the month or year it shows as its name.
const CALENDAR_LABELS = [
  "previousMonth",
  "nextMonth",
  "previousYear",
  "nextYear",
  "previousDecade",
  "nextDecade",
] as const satisfies readonly (keyof CalendarAriaLabels)[];

/** The calendar's arrows named in the user's language (a date's calendar, a month's too). */
export function useCalendarAriaLabels(): CalendarAriaLabels {
  const { t } = useTranslation();
  return Object.fromEntries(CALENDAR_LABELS.map((key) => [key, t(`date.calendar.${key}`)]));
}

type Props = Omit<DateInputProps, "value" | "defaultValue" | "onChange" | "valueFormat" | "dateParser" | "locale"> & {
  value: string;
  onChange: (value: string) => void;
  withTime?: boolean;
};

export function DateInput({ value, onChange, withTime = false, error, onInput, onBlur, ...props }: Props) {
  const { t } = useTranslation();
  const { language, thaiDigits } = usePrefs();
  const format = useFormat();
  // The text typed is no date (the value is then ""); said under the field once the user leaves it.
  const [unparsable, setUnparsable] = useState(false);
  const [left, setLeft] = useState(false);
  const ariaLabels = useCalendarAriaLabels();
  const year = yearFormat(language);

  /** From Mantine's value: a day picked in the calendar keeps the time already there. */
  function change(picked: string | null) {
    setUnparsable(false);
    if (picked === null) return onChange("");
    if (!withTime) return onChange(picked);
    const time = picked.length > 10 ? picked.slice(11, 16) : parseDate(value, true)?.slice(11, 16) ?? "00:00";
    onChange(`${picked.slice(0, 10)}T${time}`);
  }

  return (
    <MantineDateInput
      // The field's text is formatted when its value changes: another digit setting needs a new field.
      key={String(thaiDigits)}
      placeholder={t(withTime ? "date.placeholderTime" : "date.placeholder")}
      clearButtonProps={{ "aria-label": t("date.clear") }}
      {...props}
      withTime={withTime}
      // A value that is no date (an address typed by hand) leaves the field empty.
      value={parseDate(value, withTime) === value ? value : null}
      onChange={change}
      locale={language}
      valueFormat={(day) => format.digits(showDate(day, withTime, language))}
      dateParser={(text) => parseDate(text, withTime)}
      // Mantine takes only what parses; emptied or no date, the value is "" and the text stays.
      onInput={(event) => {
        const bad = parseDate(event.currentTarget.value, withTime) === null;
        if (bad) onChange("");
        setUnparsable(bad && event.currentTarget.value.trim() !== "");
        setLeft(false);
        onInput?.(event);
      }}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      fixOnBlur={!unparsable}
      error={unparsable && left ? t(withTime ? "date.invalidTime" : "date.invalid") : error}
      firstDayOfWeek={0}
      monthLabelFormat={`MMMM ${year}`}
      yearLabelFormat={year}
      decadeLabelFormat={year}
      yearsListFormat={year}
      getDayAriaLabel={(day) => showDate(day, false, language)}
      ariaLabels={ariaLabels}
    />
  );
}
