// The dashboard's widget protocol for a widget frame and its configuration frame: the host calls
// preload / load / reload with the widget's settings; a configuration frame gets load(settings,
// context) and calls context.notify on every change, and the host asks onSave when saved.

import { ConfigurationEvent, WidgetConfigurationSave, WidgetStatusHelper } from "azure-devops-extension-api/Dashboard";
import type { IWidgetConfigurationContext, WidgetStatus } from "azure-devops-extension-api/Dashboard";
import { startContribution } from "./sdk";

/** The settings the dashboard passes (azure-devops-extension-api/Dashboard WidgetSettings, as far as the widgets use them). */
export interface HostWidgetSettings {
  name: string;
  size: { rowSpan: number; columnSpan: number };
  /** data is the widget's own JSON, null until it is first configured. */
  customSettings?: { data?: string | null; version?: { major: number; minor: number; patch: number } };
}

/** What showing the settings came to: figures (or the unconfigured message) on screen, or a failure whose message is on screen too. */
export type WidgetOutcome = { shown: true } | { shown: false; message: string };

export const SETTINGS_VERSION = { major: 1, minor: 0, patch: 0 };

/**
 * Starts a widget frame: every load and reload is handed to `show`, which renders and says how it
 * went. A failure is reported as WidgetStatusHelper.Failure, so the host knows the widget failed,
 * while the message `show` rendered keeps the cell from being blank. The unconfigured state is
 * reported as a success: the widget draws its own message saying what to set.
 */
export function startWidget(show: (settings: HostWidgetSettings, reason: "load" | "reload") => Promise<WidgetOutcome>): Promise<void> {
  const answer = async (settings: HostWidgetSettings, reason: "load" | "reload"): Promise<WidgetStatus> => {
    const outcome = await show(settings, reason);
    return outcome.shown ? WidgetStatusHelper.Success() : WidgetStatusHelper.Failure(outcome.message);
  };
  return startContribution({
    callbacks: {
      preload: () => WidgetStatusHelper.Success(),
      load: (settings: HostWidgetSettings) => answer(settings, "load"),
      reload: (settings: HostWidgetSettings) => answer(settings, "reload"),
    },
  });
}

export interface WidgetConfigurationHandlers {
  /** The widget's current settings, and a function to call with the settings' JSON on every change (the host refreshes its preview). */
  load(settings: HostWidgetSettings, notifyChange: (data: string) => Promise<void>): Promise<void>;
  /** The JSON to save, or undefined while the configuration is not valid (the frame shows why). */
  save(): string | undefined;
}

/** Starts a widget configuration frame. */
export function startWidgetConfiguration(handlers: WidgetConfigurationHandlers): Promise<void> {
  return startContribution({
    callbacks: {
      load: async (settings: HostWidgetSettings, context: IWidgetConfigurationContext) => {
        await handlers.load(settings, async (data) => {
          await context.notify(ConfigurationEvent.ConfigurationChange, ConfigurationEvent.Args({ data, version: SETTINGS_VERSION }));
        });
        return WidgetStatusHelper.Success();
      },
      onSave: () => {
        const data = handlers.save();
        return data === undefined ? WidgetConfigurationSave.Invalid() : WidgetConfigurationSave.Valid({ data, version: SETTINGS_VERSION });
      },
    },
  });
}
