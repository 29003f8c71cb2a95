import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  received: "gray",
  forwarded: "blue",
  in_progress: "cyan",
  completed: "green",
  concluded: "teal",
  rejected: "red",
  duplicate: "orange",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? "gray"} variant="light">
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
