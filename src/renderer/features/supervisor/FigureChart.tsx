/**
 * A small bar chart (uPlot) of one figure across queues or agents, with its target as a dashed
 * line. The numbers are one hover or focus away: hovering a bar, or focusing the chart and moving
 * with ←/→ (Home/End), reads that bar under the chart (a polite live region). The canvas is
 * decoration for screen readers; the table beside it (or "Show as table") carries the same numbers.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartBar {
  label: string;
  value: number | null;
  /** Whether this bar meets its own target (null: nothing counted); a miss is drawn in the warning colour and said in words. */
  met: boolean | null;
}

export interface FigureChartProps {
  title: string;
  bars: readonly ChartBar[];
  target: number | null;
  /** The y axis's unit: how a value is written ("92.0 %", "4:05"). */
  format(v: number | null): string;
  /** The y axis's steps (uPlot `incrs`): whole minutes for times, rather than 500 s. */
  steps?: readonly number[];
}

const HEIGHT = 150;
/** jsdom (component tests) has no canvas nor matchMedia, which uPlot needs on import: no chart there, the readout still works. */
const canDraw = () => typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent);
const token = (name: string, fallback: string) => (typeof document === 'undefined' ? fallback : getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback);

export function FigureChart({ title, bars, target, format, steps }: FigureChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const n = bars.length;

  useEffect(() => {
    const host = hostRef.current;
    if (!host || !canDraw() || n === 0) return;
    let disposed = false;
    let dispose = () => {};
    // uPlot is loaded with the first chart (its own chunk): the agent console never pays for it.
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return;
      dispose = draw(UPlot, host);
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [bars, target, title, format, steps, n]);

  function draw(UPlot: typeof uPlot, host: HTMLDivElement): () => void {
    const xs = bars.map((_, i) => i);
    const values = bars.map((b) => b.value);
    const max = Math.max(target ?? 0, ...values.map((v) => v ?? 0)) * 1.1 || 1;
    const good = token('--chart-1', '#3e63dd');
    const warn = token('--chart-warn', '#ab6400');
    const axis = token('--text-secondary', '#60646c');
    const grid = token('--border-subtle', '#d9d9e0');
    const targetColour = token('--chart-target', '#60646c');
    const opts: uPlot.Options = {
      width: Math.max(160, host.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: [0, max] } },
      axes: [
        // Many bars: labels turned, so names do not run into each other.
        { stroke: axis, grid: { show: false }, ticks: { show: false }, size: n > 5 ? 52 : 22, rotate: n > 5 ? -50 : 0, font: '11px Inter, sans-serif', splits: () => xs, values: (_u, splits) => splits.map((i) => bars[i]?.label ?? '') },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 44, font: '11px Inter, sans-serif', ...(steps ? { incrs: [...steps] } : {}), values: (_u, splits) => splits.map((v) => format(v)) },
      ],
      series: [
        {},
        {
          label: title,
          fill: good,
          stroke: good,
          // No outline: uPlot colours bars one by one (disp.fill) only for unstroked bars.
          width: 0,
          points: { show: false },
          paths: UPlot.paths.bars!({
            size: [0.6, 40],
            disp: { fill: { unit: 3, values: () => bars.map((b) => (b.met === false ? warn : good)) } },
          }),
        },
        { label: 'Target', stroke: targetColour, width: 1.5, dash: [4, 4], points: { show: false } },
      ],
      hooks: { setCursor: [(u) => setAt(u.cursor.idx ?? null)] },
    };
    const plot = new UPlot(opts, [xs, values, xs.map(() => target)], host);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(160, host.clientWidth), height: HEIGHT }));
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }

  const move = (i: number) => {
    const clamped = Math.max(0, Math.min(n - 1, i));
    setAt(clamped);
    const plot = plotRef.current;
    if (plot) plot.setCursor({ left: plot.valToPos(clamped, 'x'), top: plot.valToPos(bars[clamped]?.value ?? 0, 'y') }, false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step) move((at ?? -1) + step);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(n - 1);
    else return;
    e.preventDefault();
  };
  const bar = at !== null ? bars[at] : undefined;
  return (
    <figure className="figure-chart">
      <figcaption className="figure-chart__title">{title}</figcaption>
      <div
        className="figure-chart__plot"
        ref={hostRef}
        role="group"
        tabIndex={0}
        aria-label={`${title}: bar chart of ${n} bars${target !== null ? ` against the target ${format(target)}` : ''}. Use the arrow keys to read each bar.`}
        onKeyDown={onKeyDown}
        onFocus={() => at === null && n > 0 && move(0)}
      />
      <p className="figure-chart__readout" aria-live="polite">
        {bar ? `${bar.label}: ${format(bar.value)}${target !== null ? ` · target ${format(target)}` : ''}${bar.met === false ? ' · below target' : bar.met ? ' · on target' : ''}` : 'Hover or focus a bar for its number'}
      </p>
    </figure>
  );
}
