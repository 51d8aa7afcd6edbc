// A widget's room on the dashboard: rowSpan x columnSpan cells of 160 px with 10 px gaps. The
// smallest sizes show a headline figure, larger ones bars or a grid sized to what fits.

export const CELL = 160;
export const GAP = 10;
/** Title and filter line above the figures. */
export const HEADER_HEIGHT = 38;
/** Widget padding on each side. */
export const PADDING = 8;

export interface WidgetSize {
  rowSpan: number;
  columnSpan: number;
}

export interface WidgetLayout {
  size: WidgetSize;
  /** The cell in pixels. */
  width: number;
  height: number;
  /** Room for the figures under the header, inside the padding. */
  bodyWidth: number;
  bodyHeight: number;
  /** One figure or two, for cells one row or one column wide; bars and grids otherwise. */
  mode: "headline" | "detail";
}

function span(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 10 ? value : 1;
}

/**
 * The layout for the dashboard's size, shrunk to the frame when the frame is smaller (a host may
 * draw its own chrome inside the cell).
 */
export function widgetLayout(size: Partial<WidgetSize> | undefined, frame?: { width: number; height: number }): WidgetLayout {
  const rowSpan = span(size?.rowSpan);
  const columnSpan = span(size?.columnSpan);
  let width = columnSpan * CELL + (columnSpan - 1) * GAP;
  let height = rowSpan * CELL + (rowSpan - 1) * GAP;
  if (frame && frame.width > 0) width = Math.min(width, frame.width);
  if (frame && frame.height > 0) height = Math.min(height, frame.height);
  return {
    size: { rowSpan, columnSpan },
    width,
    height,
    bodyWidth: Math.max(0, width - 2 * PADDING),
    bodyHeight: Math.max(0, height - HEADER_HEIGHT - 2 * PADDING),
    mode: rowSpan >= 2 && columnSpan >= 2 ? "detail" : "headline",
  };
}

/** How many rows of a given height fit in a height, at least one. */
export function rowsThatFit(height: number, rowHeight: number): number {
  return Math.max(1, Math.floor(height / rowHeight));
}
