/** A segmented control with a visible label above it that also names it (the control has no label of its own). */
import { SegmentedControl, Stack, Text, type SegmentedControlProps } from "@mantine/core";
import { useId } from "react";

export function LabelledSegmentedControl({ label, ...props }: SegmentedControlProps & { label: string }) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} {...props} />
    </Stack>
  );
}
