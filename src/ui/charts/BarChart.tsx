import * as React from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import type { ChartConfiguration } from "chart.js";
import { useThemedChart } from "./useThemedChart";
import "../mhhs.css";

// Only what a bar chart needs, so a widget bundle does not carry every chart type.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** A series' colour, by meaning; each maps to a theme variable so light and dark themes both read well. */
export type ChartTone = "good" | "warning" | "bad" | "info" | "neutral";

/** Theme variable and light-theme fallback of each tone. */
export const CHART_TONE_VARIABLES: Readonly<Record<ChartTone, { variable: string; fallback: string }>> = {
  good: { variable: "--status-success-foreground", fallback: "rgba(16, 124, 16, 1)" },
  warning: { variable: "--status-warning-foreground", fallback: "rgba(179, 107, 0, 1)" },
  bad: { variable: "--status-error-foreground", fallback: "rgba(205, 74, 69, 1)" },
  info: { variable: "--status-info-foreground", fallback: "rgba(0, 120, 212, 1)" },
  neutral: { variable: "--text-disabled-color", fallback: "rgba(0, 0, 0, 0.38)" },
};

const SERIES_TONES: readonly ChartTone[] = ["info", "good", "warning", "bad", "neutral"];

export interface BarSeries {
  /** Legend and text-alternative column heading, e.g. "Executed %". */
  label: string;
  /** One value per category, in the order of `categories`. */
  values: readonly number[];
  /** Colour by meaning; by default series take info, good, warning, bad, neutral in turn. */
  tone?: ChartTone;
}

export interface BarChartProps {
  /** What the chart shows ("Execution and pass rate by role"): the canvas's accessible name and the caption of its text alternative. */
  title: string;
  /** Bar labels, e.g. role codes. */
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Bars grow upwards ("vertical", the default) or rightwards ("horizontal"). */
  orientation?: "vertical" | "horizontal";
  /** Series stack on one bar per category instead of standing side by side. */
  stacked?: boolean;
  /** Top of the value axis, e.g. 100 for percentages; Chart.js chooses when absent. */
  max?: number;
  /** How a value is written in tooltips and in the text alternative; plain numbers by default. */
  formatValue?: (value: number) => string;
  /** Height of the drawing area in pixels; the width follows the container. */
  height: number;
  /** Show the legend; by default only with more than one series. */
  showLegend?: boolean;
}

/** The value of a CSS variable on the document root, or the fallback when the theme does not set it. */
export function readThemeColour(variable: string, fallback: string): string {
  if (typeof document === "undefined" || typeof getComputedStyle !== "function") return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value || fallback;
}

/** The colour of a tone in the current theme. */
export function toneColour(tone: ChartTone): string {
  const { variable, fallback } = CHART_TONE_VARIABLES[tone];
  return readThemeColour(variable, fallback);
}

/** A one-sentence summary of a chart's data, for its accessible name. */
export function describeBars(props: Pick<BarChartProps, "title" | "categories" | "series" | "formatValue">): string {
  const format = props.formatValue ?? String;
  if (props.categories.length === 0 || props.series.length === 0) return `${props.title}: no data.`;
  const parts = props.categories.map((category, i) => {
    const values = props.series.map((s) => `${s.label} ${format(s.values[i] ?? 0)}`).join(", ");
    return `${category}: ${values}`;
  });
  return `${props.title}. ${parts.join("; ")}.`;
}

function buildConfiguration(props: BarChartProps): ChartConfiguration<"bar", number[], string> {
  const format = props.formatValue ?? String;
  const text = readThemeColour("--text-secondary-color", "rgba(0, 0, 0, 0.55)");
  const grid = readThemeColour("--border-subtle-color", "rgba(0, 0, 0, 0.08)");
  const horizontal = props.orientation === "horizontal";
  const stacked = props.stacked === true;
  const valueAxis = {
    stacked,
    beginAtZero: true,
    max: props.max,
    ticks: { color: text, callback: (value: string | number) => format(Number(value)) },
    grid: { color: grid },
    border: { color: grid },
  };
  const categoryAxis = { stacked, ticks: { color: text, autoSkip: false }, grid: { display: false }, border: { color: grid } };
  return {
    type: "bar",
    data: {
      labels: [...props.categories],
      datasets: props.series.map((series, i) => {
        const colour = toneColour(series.tone ?? SERIES_TONES[i % SERIES_TONES.length]);
        return { label: series.label, data: [...series.values], backgroundColor: colour, borderColor: colour, borderWidth: 0, maxBarThickness: 28 };
      }),
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: props.showLegend ?? props.series.length > 1, labels: { color: text, boxWidth: 10, font: { size: 11 } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${format(Number(item.raw))}` } },
      },
    },
  };
}

function dataKey(props: BarChartProps): string {
  const format = props.formatValue ?? String;
  return JSON.stringify({ ...props, formatValue: props.series.map((s) => s.values.map((v) => format(v))) });
}

/**
 * A Chart.js bar chart in the theme's colours, redrawn when the host changes theme, with a
 * visually hidden table of the same figures for screen readers. Where no canvas context exists
 * (jsdom) only the table is rendered.
 */
export function BarChart(props: BarChartProps): JSX.Element {
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const themeVersion = useThemedChart(canvasRef, () => buildConfiguration(props), dataKey(props));

  const format = props.formatValue ?? String;
  return (
    <div className="mhhs-bar-chart" data-theme-version={themeVersion}>
      <div className="mhhs-bar-chart-canvas" style={{ height: props.height }}>
        <canvas ref={canvasRef} role="img" aria-label={describeBars(props)} />
      </div>
      <table className="mhhs-visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.orientation === "horizontal" ? "Row" : "Category"}</th>
            {props.series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.categories.map((category, i) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {props.series.map((s) => (
                <td key={s.label}>{format(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
