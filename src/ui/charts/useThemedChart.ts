import * as React from "react";
import { Chart } from "chart.js";
import type { ChartConfiguration } from "chart.js";

/**
 * Draws a Chart.js chart on the canvas and draws it again when the host applies another theme
 * (colours are read from theme variables at build time) or when `figuresKey` changes. Returns the
 * theme version, so callers can mark which theme the chart was drawn in.
 */
export function useThemedChart(
  canvasRef: React.RefObject<HTMLCanvasElement>,
  build: () => ChartConfiguration,
  figuresKey: string,
): number {
  const [themeVersion, setThemeVersion] = React.useState(0);

  React.useEffect(() => {
    const onTheme = (): void => setThemeVersion((v) => v + 1);
    window.addEventListener("themeApplied", onTheme);
    return () => window.removeEventListener("themeApplied", onTheme);
  }, []);

  React.useEffect(() => {
    const canvas = canvasRef.current;
    let context: CanvasRenderingContext2D | null;
    try {
      context = canvas?.getContext("2d") ?? null;
    } catch {
      // Some environments (jsdom) throw instead of answering null when there is no canvas support.
      context = null;
    }
    if (!canvas || !context) return undefined;
    const chart = new Chart(context, build());
    return () => chart.destroy();
    // Compared by value: a parent re-rendering with equal figures does not redraw the chart.
  }, [themeVersion, figuresKey]);

  return themeVersion;
}
