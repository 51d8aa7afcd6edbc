import * as React from "react";
import * as ReactDOM from "react-dom";
import { connectInHost } from "../../../ado/clients";
import { failureMessage } from "../../../ado/errors";
import { openProgrammeHub, ProgrammeHubFilters, ProgrammeHubPivot } from "../../../ado/navigation";
import { WidgetData, widgetData } from "../../../ado/widgetData";
import { HostWidgetSettings, startWidget, startWidgetConfiguration, WidgetOutcome } from "../../../ado/widgets";
import { parseWidgetSettings, WidgetKind } from "../../../domain/widgetSettings";
import { ConfigurationSource, WidgetConfiguration } from "./WidgetConfiguration";
import { Widget, WidgetDefinition } from "./Widget";
import "./widgets.css";

/** One connection and its data per frame, made on first use (after the handshake); tried again after a failure. */
function lazyData(): () => Promise<WidgetData> {
  let pending: Promise<WidgetData> | undefined;
  return () => {
    pending ??= connectInHost().then((connection) => widgetData(connection));
    pending.catch(() => (pending = undefined));
    return pending;
  };
}

function frameSize(): { width: number; height: number } {
  return { width: window.innerWidth, height: window.innerHeight };
}

function openHub(filters: ProgrammeHubFilters, pivot: ProgrammeHubPivot): void {
  openProgrammeHub(filters, pivot).catch((error: unknown) => console.error(`The programme hub could not be opened: ${failureMessage(error)}`));
}

/** The entry of a widget frame: renders at once, then draws the widget for every load and reload the dashboard asks for. */
export function mountWidget<F>(definition: WidgetDefinition<F>): void {
  const root = document.getElementById("root");
  const data = lazyData();
  let generation = 0;
  let draw: (() => void) | undefined;
  ReactDOM.render(
    <div className="mhhs-widget-message" role="status">
      Loading…
    </div>,
    root,
  );
  window.addEventListener("resize", () => draw?.());
  startWidget(
    (settings: HostWidgetSettings) =>
      new Promise<WidgetOutcome>((resolve) => {
        // A fresh widget per load, so a reload with unchanged settings still loads and settles.
        const key = ++generation;
        draw = () => ReactDOM.render(<Widget key={key} definition={definition} settings={settings} data={data} openHub={openHub} onSettled={resolve} frame={frameSize()} />, root);
        draw();
      }),
  ).catch((error: unknown) => {
    ReactDOM.render(
      <div className="mhhs-widget mhhs-widget-message mhhs-widget-error" role="alert">
        The widget could not start: {failureMessage(error)}
      </div>,
      root,
    );
  });
}

function configurationSource(data: () => Promise<WidgetData>): ConfigurationSource {
  return {
    catalogues: async () => (await data()).catalogues(),
    participants: async () => (await data()).participants(),
    cycles: async (stage) => (await (await data()).countTestPoints({ by: ["cycle"], filter: { stage } })).rows.map((row) => row.key.cycle),
  };
}

/** The entry of a widget's configuration frame. */
export function mountConfiguration(kind: WidgetKind): void {
  const root = document.getElementById("root");
  const source = configurationSource(lazyData());
  let latest: { data: string; configured: boolean } | undefined;
  let render: ((showMissing: boolean) => void) | undefined;
  ReactDOM.render(
    <div className="mhhs-widget-message" role="status">
      Loading…
    </div>,
    root,
  );
  startWidgetConfiguration({
    async load(settings, notifyChange) {
      const initial = settings.customSettings?.data ?? null;
      latest = { data: initial ?? "", configured: parseWidgetSettings(kind, initial).configured };
      render = (showMissing) =>
        ReactDOM.render(
          <WidgetConfiguration
            kind={kind}
            initial={initial}
            source={source}
            showMissing={showMissing}
            onChange={(data, configured) => {
              latest = { data, configured };
              notifyChange(data).catch((error: unknown) => console.error(`The preview could not be updated: ${failureMessage(error)}`));
            }}
          />,
          root,
        );
      render(false);
    },
    save() {
      if (latest && latest.configured) return latest.data;
      render?.(true);
      return undefined;
    },
  }).catch((error: unknown) => {
    ReactDOM.render(
      <div className="mhhs-widget-message mhhs-widget-error" role="alert">
        The configuration could not start: {failureMessage(error)}
      </div>,
      root,
    );
  });
}
