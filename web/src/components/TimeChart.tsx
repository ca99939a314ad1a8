// A uPlot time-series chart that follows its container's width.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n, type Lang } from '../i18n.ts';
import { drawBands } from './chart-gaps.ts';

/** Tick labels in the browser's zone, 24-hour: seconds for short steps, the date for long ranges. */
function timeTicks(lang: Lang) {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const hm = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const hms = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const dayHm = new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    ticks: (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) =>
      splits.map((s) => (incr >= 86_400 / 4 ? dayHm : incr < 60 ? hms : hm).format(s * 1000)),
    full: (v: number) => `${dayHm.format(v * 1000)}:${String(new Date(v * 1000).getSeconds()).padStart(2, "0")}`,
  };
}

export interface ChartSeries { label: string; values: Array<number | null>; color: string; dash?: boolean }

export function TimeChart({ times, series, height = 200, yLabel, yRange, format, bands }: {
  times: number[]; series: ChartSeries[]; height?: number; yLabel?: string; yRange?: [number, number]; format?: (v: number) => string;
  /** Hatched spans [from, to] in seconds: time the platform was not measuring. */
  bands?: Array<[number, number]>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { lang, t } = useI18n();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const styles = getComputedStyle(document.documentElement);
    const axisColor = styles.getPropertyValue('--muted').trim() || '#777';
    const gridColor = styles.getPropertyValue('--grid').trim() || '#ddd';
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } };
    const fmt = timeTicks(lang);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      scales: { x: { time: true }, y: yRange ? { range: yRange } : { auto: true } },
      axes: [{ ...axis, values: fmt.ticks }, { ...axis, label: yLabel, size: 60, values: format ? (_u, vals) => vals.map((v) => (v === null ? '' : format(v))) : undefined }],
      series: [{ label: t('time'), value: (_u: uPlot, v: number | null) => (v === null ? '—' : fmt.full(v)) }, ...series.map((s) => ({
        label: s.label, stroke: s.color, width: 1.5, dash: s.dash ? [6, 4] : undefined, spanGaps: false,
        value: format ? (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)) : undefined,
      }))],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { drawClear: [drawBands(bands ?? [], t('notMeasured'), axisColor)] },
    };
    const data = [times, ...series.map((s) => s.values)] as uPlot.AlignedData;
    plot.current = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(el.clientWidth, 200), height }));
    observer.observe(el);
    return () => { observer.disconnect(); plot.current?.destroy(); plot.current = null; };
  }, [times, series, height, yLabel, yRange, format, lang, t, bands]);

  return <div className="chart" ref={box} />;
}
