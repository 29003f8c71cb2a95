/** The audit rule of SPEC §5.1 step 2, as the bma-2557 scheme's data states it (a month whose pass
 * rate is below the threshold deducts points from the resolution step). */
import { useQuery } from "@tanstack/react-query";
import { must, scoring } from "../../api/client";

export interface AuditRule {
  thresholdPercent: number;
  points: number;
}

/** The scheme's published values, used until (or if) the scheme cannot be read. */
export const DEFAULT_AUDIT_RULE: AuditRule = { thresholdPercent: 80, points: 0.05 };
const SCHEME = "bma-2557";

export function auditRuleOf(definition: Record<string, unknown>): AuditRule | undefined {
  const steps = Array.isArray(definition.steps) ? (definition.steps as { deductions?: unknown }[]) : [];
  for (const step of steps) {
    const deductions = Array.isArray(step.deductions) ? (step.deductions as Record<string, unknown>[]) : [];
    const rule = deductions.find((d) => d.rule === "audit_month_below");
    if (rule && rule.threshold_percent !== undefined && rule.points !== undefined) {
      return { thresholdPercent: Number(rule.threshold_percent), points: Number(rule.points) };
    }
  }
  return undefined;
}

export function useAuditRule(): AuditRule {
  const scheme = useQuery({
    queryKey: ["scheme", SCHEME],
    queryFn: () => must(scoring.GET("/v1/schemes/{code}", { params: { path: { code: SCHEME } } })),
    staleTime: 10 * 60_000,
  });
  return (scheme.data && auditRuleOf(scheme.data.definition)) ?? DEFAULT_AUDIT_RULE;
}

/** Whether a month's judged sample passes below the threshold (nothing judged yet: not below). */
export function isBelow(passPercent: string | null, rule: AuditRule): boolean {
  return passPercent !== null && Number(passPercent) < rule.thresholdPercent;
}
