import * as React from "react";
import { failureMessage } from "../../../ado/errors";
import type { ProgrammeHubFilters, ProgrammeHubPivot } from "../../../ado/navigation";
import type { WidgetData } from "../../../ado/widgetData";
import type { HostWidgetSettings, WidgetOutcome } from "../../../ado/widgets";
import { describeFilters, missingSentence, parseWidgetSettings, WidgetKind, WidgetSettings } from "../../../domain/widgetSettings";
import { WidgetLayout, widgetLayout } from "./layout";
import "../../../ui/mhhs.css";
import "./widgets.css";

export interface WidgetViewContext {
  settings: WidgetSettings;
  layout: WidgetLayout;
  /** Opens the programme hub with the widget's filters. */
  openHub(): void;
}

/** One widget: what it loads for its settings, and how it draws the figures in its layout. */
export interface WidgetDefinition<F> {
  kind: WidgetKind;
  /** The catalogue name (the manifest's); a host name equal to it is not used as the title. */
  catalogueName: string;
  /** The title when the user set none, from the settings ("SIT-FUNC progress"). */
  title(settings: WidgetSettings): string;
  pivot: ProgrammeHubPivot;
  load(data: WidgetData, settings: WidgetSettings, layout: WidgetLayout): Promise<F>;
  render(figures: F, context: WidgetViewContext): JSX.Element;
}

export interface WidgetProps<F> {
  definition: WidgetDefinition<F>;
  settings: HostWidgetSettings;
  data: () => Promise<WidgetData>;
  openHub(filters: ProgrammeHubFilters, pivot: ProgrammeHubPivot): void;
  /** Called once the figures, the unconfigured message or the failure are on screen. */
  onSettled?(outcome: WidgetOutcome): void;
  /** The frame's size in pixels, when the host draws the widget in less than its cells. */
  frame?: { width: number; height: number };
}

type State<F> =
  | { kind: "loading" }
  | { kind: "unconfigured"; missing: string[]; problems: string[] }
  | { kind: "figures"; figures: F }
  | { kind: "failed"; message: string };

export function hubFilters(settings: WidgetSettings): ProgrammeHubFilters {
  return { stage: settings.stage, cycle: settings.cycle, role: settings.role, participant: settings.participant, path: settings.path };
}

/** Turns an exception thrown while drawing into the failure state instead of a blank cell. */
class DrawingBoundary extends React.Component<{ onFailure(message: string): void; children: React.ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    this.props.onFailure(`The figures could not be drawn: ${failureMessage(error)}`);
  }

  render(): React.ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/** A dashboard widget: title with its filters, then the figures, the unconfigured message, or why it failed. */
export function Widget<F>(props: WidgetProps<F>): JSX.Element {
  const { definition } = props;
  const parsed = React.useMemo(() => parseWidgetSettings(definition.kind, props.settings.customSettings?.data), [definition.kind, props.settings.customSettings?.data]);
  const layout = widgetLayout(props.settings.size, props.frame);
  const [state, setState] = React.useState<State<F>>({ kind: "loading" });
  const [attempt, setAttempt] = React.useState(0);
  const settled = React.useRef<string>("");
  const loadKey = JSON.stringify([props.settings.customSettings?.data ?? null, layout.mode, attempt]);

  React.useEffect(() => {
    let current = true;
    if (!parsed.configured) {
      setState({ kind: "unconfigured", missing: parsed.missing, problems: parsed.problems });
      return undefined;
    }
    setState({ kind: "loading" });
    props
      .data()
      .then((data) => definition.load(data, parsed.settings, layout))
      .then(
        (figures) => current && setState({ kind: "figures", figures }),
        (error: unknown) => current && setState({ kind: "failed", message: `The figures could not be loaded: ${failureMessage(error)}` }),
      );
    return () => {
      current = false;
    };
    // Reloaded when the saved settings, the layout mode or a retry change; parsed and layout follow from them.
  }, [loadKey]);

  React.useEffect(() => {
    if (state.kind === "loading" || settled.current === loadKey) return;
    settled.current = loadKey;
    props.onSettled?.(state.kind === "failed" ? { shown: false, message: state.message } : { shown: true });
  }, [state, loadKey]);

  const settings = parsed.settings;
  const hostName = props.settings.name && props.settings.name !== definition.catalogueName ? props.settings.name : undefined;
  const title = settings.title ?? hostName ?? definition.title(settings);
  const openHub = () => props.openHub(hubFilters(settings), definition.pivot);
  const filters = describeFilters(settings);
  const sizeName = `${layout.size.columnSpan}x${layout.size.rowSpan}`;

  return (
    <div className={`mhhs-widget mhhs-widget-${layout.mode}`} style={{ width: layout.width, height: layout.height }} data-size={sizeName} data-state={state.kind}>
      <div className="mhhs-widget-header">
        <h2 className="mhhs-widget-title">
          {parsed.configured ? (
            <button type="button" className="mhhs-widget-link" onClick={openHub} title={`${title}: open in the programme hub`}>
              {title}
            </button>
          ) : (
            <span title={title}>{title}</span>
          )}
        </h2>
        <div className="mhhs-widget-filters" title={filters}>
          {filters || "\u00a0"}
        </div>
      </div>
      <div className="mhhs-widget-body" style={{ height: layout.bodyHeight }}>
        {state.kind === "loading" && (
          <div className="mhhs-widget-message" role="status" aria-live="polite">
            Loading figures…
          </div>
        )}
        {state.kind === "unconfigured" && (
          <div className="mhhs-widget-message mhhs-widget-unconfigured" role="status">
            <p>{missingSentence(state.missing)}</p>
            {state.problems.map((problem) => (
              <p key={problem} className="mhhs-widget-note">
                {problem}
              </p>
            ))}
          </div>
        )}
        {state.kind === "failed" && (
          <div className="mhhs-widget-message mhhs-widget-error" role="alert">
            <p>{state.message}</p>
            <button type="button" className="mhhs-widget-link" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        )}
        {state.kind === "figures" && (
          <DrawingBoundary key={loadKey} onFailure={(message) => setState({ kind: "failed", message })}>
            {definition.render(state.figures, { settings, layout, openHub })}
          </DrawingBoundary>
        )}
      </div>
    </div>
  );
}
