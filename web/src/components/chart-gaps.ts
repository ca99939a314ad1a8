// Time the platform was not measuring (GET /systems/:id `gaps`) on a uPlot chart: null points
// inside each gap break the lines (no line is drawn across unknown time), and a hatched band with
// "not measured / 未监测" covers it. A gap is unknown, not an outage (SPEC §3).
import type uPlot from 'uplot';

export interface Gap { from: string; to: string; reason?: string }

/** Times (ISO) to add to a chart's x axis so that every line breaks inside each gap. */
export function gapTimes(gaps: Gap[] | undefined, rangeFrom: string, rangeTo: string): string[] {
  const lo = Date.parse(rangeFrom), hi = Date.parse(rangeTo);
  const out: string[] = [];
  for (const g of gaps ?? []) {
    const a = Math.max(Date.parse(g.from), lo), b = Math.min(Date.parse(g.to), hi);
    if (!(b > a)) continue;
    for (const t of [a, (a + b) / 2, b]) out.push(new Date(Math.round(t)).toISOString());
  }
  return out;
}

/** Gaps as [from, to] in seconds (the chart's x unit), clipped to the range. */
export function gapBands(gaps: Gap[] | undefined, rangeFrom: string, rangeTo: string): Array<[number, number]> {
  const lo = Date.parse(rangeFrom), hi = Date.parse(rangeTo);
  return (gaps ?? []).map((g) => [Math.max(Date.parse(g.from), lo) / 1000, Math.min(Date.parse(g.to), hi) / 1000] as [number, number])
    .filter(([a, b]) => b > a);
}

/** A uPlot hook that hatches the bands under the series and writes `label` in each wide enough. */
export function drawBands(bands: Array<[number, number]>, label: string, color: string): (u: uPlot) => void {
  return (u) => {
    if (bands.length === 0) return;
    const { ctx, bbox } = u;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    for (const [a, b] of bands) {
      const x0 = Math.max(u.valToPos(a, 'x', true), bbox.left);
      const x1 = Math.min(u.valToPos(b, 'x', true), bbox.left + bbox.width);
      if (x1 <= x0) continue;
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0, bbox.top, x1 - x0, bbox.height);
      ctx.clip();
      ctx.fillStyle = 'rgba(120,130,145,0.16)';
      ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
      ctx.strokeStyle = 'rgba(120,130,145,0.35)';
      ctx.lineWidth = 1;
      for (let x = x0 - bbox.height; x < x1; x += 10) {
        ctx.beginPath();
        ctx.moveTo(x, bbox.top + bbox.height);
        ctx.lineTo(x + bbox.height, bbox.top);
        ctx.stroke();
      }
      ctx.restore();
      const px = Math.round(12 * ((globalThis as { devicePixelRatio?: number }).devicePixelRatio || 1));
      ctx.font = `${px}px system-ui, sans-serif`;
      if (ctx.measureText(label).width + 8 < x1 - x0) {
        ctx.fillStyle = color;
        ctx.textAlign = 'center';
        ctx.fillText(label, (x0 + x1) / 2, bbox.top + px + 4);
      }
    }
    ctx.restore();
  };
}
