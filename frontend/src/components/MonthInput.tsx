/** A month in the Buddhist era, picked from Mantine's month picker: "พฤศจิกายน 2569" ("November
 * 2569 BE"). The value is "YYYY-MM". */
import { MonthPickerInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import { useTranslation } from "react-i18next";
import { usePrefs } from "../prefs";
import { yearFormat } from "./dateText";

interface Props {
  label: string;
  value: string;
  onChange: (month: string) => void;
  w?: number;
}

export function MonthInput({ label, value, onChange, w }: Props) {
  const { t } = useTranslation();
  const { language } = usePrefs();
  const year = yearFormat(language);
  return (
    <MonthPickerInput
      label={label}
      value={`${value}-01`}
      onChange={(picked) => picked && onChange(picked.slice(0, 7))}
      locale={language}
      valueFormat={`MMMM ${year}`}
      yearLabelFormat={year}
      decadeLabelFormat={year}
      yearsListFormat={year}
      ariaLabels={{
        previousYear: t("date.calendar.previousYear"),
        nextYear: t("date.calendar.nextYear"),
        previousDecade: t("date.calendar.previousDecade"),
        nextDecade: t("date.calendar.nextDecade"),
      }}
      w={w}
    />
  );
}
