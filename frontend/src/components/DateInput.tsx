/** A day or a moment typed in the browser's own picker (which shows the Western calendar), with
 * the value read back below it in the Buddhist era ("22 พ.ย. 2569"), so nobody is left converting. */
import { TextInput, type TextInputProps } from "@mantine/core";
import { useFormat } from "../format";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function DateInput({
  withTime = false,
  value,
  description,
  ...props
}: Omit<TextInputProps, "type" | "value"> & { value: string; withTime?: boolean }) {
  const format = useFormat();
  // A datetime-local value is a Bangkok time without an offset.
  const moment = withTime ? `${value.slice(0, 16)}:00+07:00` : `${value}T12:00:00+07:00`;
  const valid = (withTime ? MOMENT : DAY).test(value) && !Number.isNaN(new Date(moment).getTime());
  const shown = !valid ? null : withTime ? format.dateTime(moment) : format.date(value);
  return (
    <TextInput
      type={withTime ? "datetime-local" : "date"}
      value={value}
      description={shown ?? description ?? " "}
      {...props}
    />
  );
}
