// Charts as inline SVG: a line chart per metric, the partition heat map, probability bars.
import { el, svg } from './dom.js';

const PALETTE = ['#2b6cb0', '#dd6b20', '#2f855a', '#b83280'];

function niceTicks(min, max, count) {
  if (max <= min) max = min + 1;
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(f => f * magnitude).find(s => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  return ticks;
}

/**
 * One or more series over rounds 1..rounds. Every data point is a <circle class="point">, so a
 * round that arrives adds exactly one point per series.
 * series: [{ name, points: [[round, value]] }]; format(value) labels the y axis. legendWidth is the
 * room each legend entry takes: short names leave the title room when there are many series.
 */
export function lineChart({ title, series, rounds, yMin, yMax, format, className, legendWidth = 130 }) {
  const width = 560, height = 240;
  const margin = { top: 30, right: 16, bottom: 34, left: 52 };
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const values = series.flatMap(s => s.points.map(p => p[1])).filter(Number.isFinite);
  const lo = yMin ?? Math.min(0, ...values);
  // With no data yet the axis still reads sensibly (0 to 1).
  const hi = yMax ?? (values.length ? Math.max(lo + 1e-9, ...values) * 1.05 : lo + 1);
  const yTicks = niceTicks(lo, hi, 4);
  const top = Math.max(hi, yTicks[yTicks.length - 1]);
  const lastRound = Math.max(1, rounds);
  const x = r => margin.left + (lastRound === 1 ? plotW / 2 : ((r - 1) / (lastRound - 1)) * plotW);
  const y = v => margin.top + plotH - ((v - lo) / (top - lo)) * plotH;
  const xStep = Math.max(1, Math.ceil(lastRound / 10));

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: `chart ${className ?? ''}`, role: 'img', 'aria-label': title });
  chart.append(svg('text', { x: margin.left, y: 18, class: 'chart-title' }, title));
  for (const t of yTicks) {
    chart.append(
      svg('line', { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'grid' }),
      svg('text', { x: margin.left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, format(t)));
  }
  for (let r = 1; r <= lastRound; r += xStep) {
    chart.append(svg('text', { x: x(r), y: height - margin.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, String(r)));
  }
  chart.append(svg('text', { x: margin.left + plotW / 2, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' }, 'round'));

  series.forEach((s, index) => {
    const color = PALETTE[index % PALETTE.length];
    const points = s.points.filter(p => Number.isFinite(p[1]));
    if (points.length > 1) {
      chart.append(svg('polyline', { points: points.map(p => `${x(p[0])},${y(p[1])}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    }
    for (const [round, value] of points) {
      chart.append(svg('circle', { cx: x(round), cy: y(value), r: 3.5, fill: color, class: 'point', 'data-series': s.name, 'data-round': round },
        svg('title', {}, `${s.name}, round ${round}: ${format(value)}`)));
    }
    const legendX = width - margin.right - legendWidth * (series.length - index);
    chart.append(
      svg('rect', { x: legendX, y: 9, width: 12, height: 4, fill: color }),
      svg('text', { x: legendX + 16, y: 15, class: 'legend' }, s.name));
  });
  return chart;
}

/** Clients (rows) by classes (columns), each cell shaded by its share of the largest count. */
export function heatMap(partition, classes, maxRows = 50) {
  const rows = partition.slice(0, maxRows);
  const cell = { w: 46, h: 22 };
  const left = 70, top = 58;
  const width = left + classes.length * cell.w + 8, height = top + rows.length * cell.h + 8;
  const max = Math.max(1, ...rows.flatMap(r => r.classHistogram));
  const map = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'heatmap', role: 'img', 'aria-label': 'Images per class and client' });
  classes.forEach((name, c) => {
    const cx = left + c * cell.w + cell.w / 2;
    map.append(svg('text', { x: cx, y: top - 8, class: 'tick', 'text-anchor': 'start', transform: `rotate(-40 ${cx} ${top - 8})` }, name));
  });
  rows.forEach((client, r) => {
    const cy = top + r * cell.h;
    map.append(svg('text', { x: left - 8, y: cy + 15, class: 'tick', 'text-anchor': 'end' }, `client ${client.client}`));
    client.classHistogram.forEach((count, c) => {
      const share = count / max;
      map.append(
        svg('rect', { x: left + c * cell.w, y: cy, width: cell.w - 2, height: cell.h - 2, class: 'cell', fill: `rgba(43, 108, 176, ${0.06 + 0.94 * share})` },
          svg('title', {}, `client ${client.client}, ${classes[c]}: ${count}`)),
        svg('text', { x: left + c * cell.w + cell.w / 2 - 1, y: cy + 15, class: share > 0.55 ? 'cell-label light' : 'cell-label', 'text-anchor': 'middle' }, String(count)));
    });
  });
  return map;
}

/** The ten probabilities as horizontal bars, the answer highlighted. */
export function probabilityBars(probabilities, label) {
  const list = el('ol', { class: 'bars' });
  for (const [name, p] of Object.entries(probabilities)) {
    const fill = el('span', { class: 'bar-fill' });
    // Through the CSSOM: the page's content security policy refuses style attributes.
    fill.style.width = `${(p * 100).toFixed(2)}%`;
    list.append(el('li', { class: name === label ? 'bar top-class' : 'bar', 'data-class': name },
      el('span', { class: 'bar-name' }, name),
      el('span', { class: 'bar-track' }, fill),
      el('span', { class: 'bar-value' }, `${(p * 100).toFixed(1)}%`)));
  }
  return list;
}
