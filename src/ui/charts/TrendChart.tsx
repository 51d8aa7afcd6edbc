import * as React from "react";
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import type { ChartConfiguration, ChartDataset } from "chart.js";
import { ChartTone, readThemeColour, toneColour } from "./BarChart";
import { useThemedChart } from "./useThemedChart";
import "../mhhs.css";
import "./TrendChart.css";

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const SERIES_TONES: readonly ChartTone[] = ["info", "good", "bad", "warning", "neutral"];

export interface TrendSeries {
  /** Legend and text-alternative heading, e.g. "Executed". */
  label: string;
  /** One value per date; null where the figure is unknown (the line breaks there). */
  values: readonly (number | null)[];
  tone?: ChartTone;
  /** Which value axis: "left" (default) or "right", for two units on one chart (points and defects). */
  axis?: "left" | "right";
  /** Dashed line, to tell a second unit's series apart without relying on colour. */
  dashed?: boolean;
}

export interface TrendChartProps {
  /** What the chart shows: the canvas's accessible name and the caption of its text alternative. */
  title: string;
  /** ISO dates along the time axis. */
  dates: readonly string[];
  series: readonly TrendSeries[];
  /** Titles of the value axes, e.g. "Test points" and "Defects". */
  leftAxis?: string;
  rightAxis?: string;
  height: number;
  formatValue?: (value: number) => string;
}

function shown(value: number | null | undefined, format: (v: number) => string): string {
  return value === null || value === undefined ? "–" : format(value);
}

/** A sentence summing the trend up for its accessible name: the span, then each series' first and last value. */
export function describeTrend(props: Pick<TrendChartProps, "title" | "dates" | "series" | "formatValue">): string {
  const format = props.formatValue ?? String;
  if (props.dates.length === 0 || props.series.length === 0) return `${props.title}: no data.`;
  const first = props.dates[0];
  const last = props.dates[props.dates.length - 1];
  const parts = props.series.map((s) => {
    const known = s.values.map((v, i) => [v, i] as const).filter(([v]) => v !== null && v !== undefined);
    if (known.length === 0) return `${s.label} unknown`;
    const [a, ai] = known[0];
    const [b, bi] = known[known.length - 1];
    return `${s.label} ${shown(a, format)} on ${props.dates[ai]} to ${shown(b, format)} on ${props.dates[bi]}`;
  });
  return `${props.title}, ${first} to ${last}: ${parts.join("; ")}.`;
}

function buildConfiguration(props: TrendChartProps): ChartConfiguration<"line", (number | null)[], string> {
  const format = props.formatValue ?? String;
  const text = readThemeColour("--text-secondary-color", "rgba(0, 0, 0, 0.55)");
  const grid = readThemeColour("--border-subtle-color", "rgba(0, 0, 0, 0.08)");
  const twoAxes = props.series.some((s) => s.axis === "right");
  const axis = (title: string | undefined, position: "left" | "right", drawGrid: boolean) => ({
    position,
    beginAtZero: true,
    title: { display: Boolean(title), text: title ?? "", color: text },
    ticks: { color: text, precision: 0, callback: (value: string | number) => format(Number(value)) },
    grid: { color: grid, display: drawGrid },
    border: { color: grid },
  });
  const datasets: ChartDataset<"line", (number | null)[]>[] = props.series.map((s, i) => {
    const colour = toneColour(s.tone ?? SERIES_TONES[i % SERIES_TONES.length]);
    return {
      label: s.label,
      data: [...s.values],
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      borderDash: s.dashed ? [6, 4] : undefined,
      pointRadius: props.dates.length > 60 ? 0 : 2,
      pointHitRadius: 6,
      tension: 0,
      spanGaps: false,
      yAxisID: s.axis === "right" ? "right" : "left",
    };
  });
  return {
    type: "line",
    data: { labels: [...props.dates], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { ticks: { color: text, maxRotation: 0, autoSkip: true, maxTicksLimit: 10 }, grid: { display: false }, border: { color: grid } },
        left: axis(props.leftAxis, "left", true),
        ...(twoAxes ? { right: axis(props.rightAxis, "right", false) } : {}),
      },
      plugins: {
        legend: { display: true, labels: { color: text, boxWidth: 10, font: { size: 11 } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${shown(item.raw as number | null, format)}` } },
      },
    },
  };
}

function dataKey(props: TrendChartProps): string {
  return JSON.stringify([props.title, props.dates, props.series, props.leftAxis, props.rightAxis, props.height]);
}

/**
 * A Chart.js line chart over dates in the theme's colours, redrawn when the host changes theme,
 * with a visually hidden table of the same figures for screen readers. Where no canvas context
 * exists (jsdom) only the table is rendered.
 */
export function TrendChart(props: TrendChartProps): JSX.Element {
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const themeVersion = useThemedChart(canvasRef, () => buildConfiguration(props), dataKey(props));

  const format = props.formatValue ?? String;
  return (
    <div className="mhhs-trend-chart" data-theme-version={themeVersion}>
      <div className="mhhs-trend-chart-canvas" style={{ height: props.height }}>
        <canvas ref={canvasRef} role="img" aria-label={describeTrend(props)} />
      </div>
      <table className="mhhs-visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {props.series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.dates.map((date, i) => (
            <tr key={date}>
              <th scope="row">{date}</th>
              {props.series.map((s) => (
                <td key={s.label}>{shown(s.values[i], format)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
