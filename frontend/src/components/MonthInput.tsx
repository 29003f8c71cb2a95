/** A month in the Buddhist era, picked from Mantine's month picker: "พฤศจิกายน 2569" ("November
 * 2569 BE"). The value is "YYYY-MM". */
import { MonthPickerInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import { usePrefs } from "../prefs";
import { useCalendarAriaLabels } from "./DateInput";
import { yearFormat } from "./dateText";

interface Props {
  label: string;
  value: string;
  onChange: (month: string) => void;
  w?: number;
}

export function MonthInput({ label, value, onChange, w }: Props) {
  const { language } = usePrefs();
  const ariaLabels = useCalendarAriaLabels();
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
      ariaLabels={ariaLabels}
      w={w}
    />
  );
}
