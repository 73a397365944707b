import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

export type ChartOption = EChartsCoreOption;

export interface EChartProps {
  option: ChartOption;
  height?: number;
  onClick?: (name: string) => void;
  ariaLabel: string;
}

// ECharts is ~190 KB gzipped: its own chunk, fetched when a chart is drawn, not with the page that shows it
const EChartCanvas = lazy(() => import('./EChartCanvas'));

/**
 * One ECharts chart (bar, line, pie, radar: see EChartCanvas.tsx). Resizes with its box; `onClick` receives the
 * clicked item's name (e.g. a region, for drill-down). Until ECharts has loaded, an empty box of the chart's size
 * and name holds its place, so the page around it paints at once and does not shift.
 */
export function EChart(props: EChartProps) {
  return (
    <Suspense fallback={<div role="img" aria-label={props.ariaLabel} style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChartCanvas {...props} />
    </Suspense>
  );
}
