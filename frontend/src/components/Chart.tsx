/** An ECharts chart, loaded only when a screen with a chart opens (it is most of a chart page's
 * weight). `option` is a plain ECharts option object. */
import { Box } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { EChartsCoreOption } from "echarts/core";

const loadEcharts = () => import("./echarts");

/** ECharts draws its own text: without the font named, Thai in legends and tooltips shows as boxes. */
function withThaiFont(option: EChartsCoreOption): EChartsCoreOption {
  const textStyle = (option.textStyle as Record<string, unknown> | undefined) ?? {};
  return { ...option, textStyle: { fontFamily: "Sarabun, sans-serif", ...textStyle } };
}

export function Chart({ option, height = 320, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  // The option of the latest render: ECharts may finish loading after the option has changed.
  const latest = useRef(option);
  latest.current = option;
  const chart = useRef<{ setOption: (o: EChartsCoreOption, notMerge: boolean) => void; dispose: () => void; resize: () => void } | null>(null);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadEcharts().then(({ echarts }) => {
      if (disposed || element.current === null) return;
      const instance = echarts.init(element.current, undefined, { renderer: "svg" });
      chart.current = instance;
      instance.setOption(withThaiFont(latest.current), true);
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(element.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is created once; option changes go through setOption below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(withThaiFont(option), true);
  }, [option]);

  return <Box ref={element} h={height} w="100%" role="img" aria-label={label} />;
}
