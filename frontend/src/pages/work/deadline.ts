/** How far a deadline is, as the worklist's badge and the SLA checkpoints say it. */
import { useTranslation } from "react-i18next";
import type { ScoringSchemas } from "../../api/types";
import { useFormat } from "../../format";

export type DueItem = ScoringSchemas["DueItem"];

/** Working days ahead the worklist looks (the first progress report is due within 3). */
export const WITHIN = 3;

export type Urgency = "overdue" | "due_today" | "due_soon";

export const URGENCY_COLOR: Record<Urgency, string> = { overdue: "red", due_today: "orange", due_soon: "blue" };

/** `workingDaysLeft` counts working days from today to the due day (negative once past it). */
export function urgencyOf(overdue: boolean, workingDaysLeft: number): Urgency {
  if (overdue) return "overdue";
  return workingDaysLeft <= 0 ? "due_today" : "due_soon";
}

/** "เกินกำหนด 2 วันทำการ", "ครบกำหนดวันนี้", "ภายใน 3 วันทำการ". */
export function useDeadlineLabel() {
  const { t } = useTranslation("work");
  const format = useFormat();
  return (urgency: Urgency, workingDaysLeft: number): string => {
    switch (urgency) {
      case "overdue": {
        // Past the due time on a weekend or holiday after it: no working day has passed yet.
        const late = -workingDaysLeft;
        return late > 0 ? t("deadline.overdueBy", { count: late, n: format.number(late) }) : t("deadline.overdue");
      }
      case "due_today":
        return t("deadline.dueToday");
      case "due_soon": {
        const left = Math.max(workingDaysLeft, 1);
        return t("deadline.dueWithin", { count: left, n: format.number(left) });
      }
    }
  };
}
