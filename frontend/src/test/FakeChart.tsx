/** What tests put in place of the ECharts chart (`vi.mock("…/components/Chart", …)`): its label,
 * series and categories, to read back. */
import type { EChartsCoreOption } from "echarts/core";

export function FakeChart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const series = (option as { series?: { name?: string; data?: unknown[] }[] }).series ?? [];
  const axis = option as { xAxis?: { data?: unknown[] }; yAxis?: { data?: unknown[] } };
  return (
    <div
      role="img"
      aria-label={label}
      data-series={JSON.stringify(series.map((s) => ({ name: s.name, data: s.data })))}
      data-categories={JSON.stringify(axis.xAxis?.data ?? axis.yAxis?.data ?? [])}
    />
  );
}
