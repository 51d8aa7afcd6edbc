import * as React from "react";
import { failureMessage } from "../../../ado/errors";
import { Catalogues, resolveCatalogues } from "../../../domain/catalogues";
import type { Participant } from "../../../domain/model";
import { UNASSIGNED } from "../../../domain/groupKeys";
import { missingSentence, parseWidgetSettings, serialiseWidgetSettings, WidgetKind, WidgetSettings } from "../../../domain/widgetSettings";
import "./widgets.css";

/** What the configuration offers: the project's catalogues and register, and the cycles a stage's test points have. */
export interface ConfigurationSource {
  catalogues(): Promise<Catalogues>;
  participants(): Promise<Participant[]>;
  /** Cycles of the stage's test points (an aggregate, not a read of every point). */
  cycles(stage: string): Promise<string[]>;
}

export interface WidgetConfigurationProps {
  kind: WidgetKind;
  /** The saved settings' JSON (customSettings.data), null for a widget never configured. */
  initial: string | null | undefined;
  source: ConfigurationSource;
  /** Every change: the settings' JSON and whether the widget can show figures with them. */
  onChange(data: string, configured: boolean): void;
  /** Show what is missing (after a save was refused). */
  showMissing?: boolean;
}

type Values = Omit<WidgetSettings, "version">;

interface Options {
  catalogues: Catalogues;
  participants: Participant[];
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; text: string }[];
  hint?: string;
  invalid?: string;
  disabled?: boolean;
}): JSX.Element {
  const describedBy = props.invalid ? `${props.id}-invalid` : props.hint ? `${props.id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={props.invalid ? true : undefined} disabled={props.disabled}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
      {props.invalid ? (
        <div id={`${props.id}-invalid`} className="mhhs-invalid">
          {props.invalid}
        </div>
      ) : props.hint ? (
        <div id={`${props.id}-hint`} className="mhhs-hint">
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

const PATH_OPTIONS = [
  { value: "", text: "Choose a path" },
  { value: "SIT", text: "SIT" },
  { value: "QT", text: "Qualification Testing (QT)" },
];

/** The configuration of any of the widgets: title, stage, cycle, role, participant and the widget's own options. */
export function WidgetConfiguration(props: WidgetConfigurationProps): JSX.Element {
  const { kind, source } = props;
  const initial = React.useMemo(() => parseWidgetSettings(kind, props.initial), [kind, props.initial]);
  const [values, setValues] = React.useState<Values>(() => {
    const { version: _version, ...rest } = initial.settings;
    return rest;
  });
  const [options, setOptions] = React.useState<Options | undefined>();
  const [optionsFailure, setOptionsFailure] = React.useState<string | undefined>();
  const [cycles, setCycles] = React.useState<string[]>([]);
  const [cyclesNote, setCyclesNote] = React.useState<string | undefined>();

  React.useEffect(() => {
    let current = true;
    Promise.all([source.catalogues(), source.participants()]).then(
      ([catalogues, participants]) => current && setOptions({ catalogues, participants }),
      (error: unknown) => {
        if (!current) return;
        // The programme's default stages and roles still let the widget be set up.
        setOptions({ catalogues: resolveCatalogues(), participants: [] });
        setOptionsFailure(`The project's stages, roles and participants could not be loaded (the programme's defaults are offered): ${failureMessage(error)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [source]);

  React.useEffect(() => {
    let current = true;
    setCycles([]);
    setCyclesNote(undefined);
    if (!values.stage) return undefined;
    source.cycles(values.stage).then(
      (found) => current && setCycles(found.filter((c) => c !== UNASSIGNED)),
      (error: unknown) => current && setCyclesNote(`The cycles could not be loaded: ${failureMessage(error)}`),
    );
    return () => {
      current = false;
    };
  }, [source, values.stage]);

  const change = (patch: Partial<Values>) => {
    const next = { ...values, ...patch };
    for (const key of Object.keys(patch) as (keyof Values)[]) if (patch[key] === "" || patch[key] === undefined) delete next[key];
    setValues(next);
    const data = serialiseWidgetSettings(next);
    props.onChange(data, parseWidgetSettings(kind, data).configured);
  };

  const stages = options?.catalogues.stages ?? [];
  const roles = options?.catalogues.roles ?? [];
  const participants = (options?.participants ?? [])
    .filter((p) => !values.role || p.roles.some((r) => r.toUpperCase() === values.role?.toUpperCase()))
    .filter((p) => kind !== "participant-readiness" || !values.path || (p.path === "QT" ? "QT" : "SIT") === values.path)
    .sort((a, b) => a.mpid.localeCompare(b.mpid));
  const keep = (list: { value: string; text: string }[], value: string | undefined) =>
    value && !list.some((o) => o.value.toUpperCase() === value.toUpperCase()) ? [...list, { value, text: value }] : list;
  const stageRequired = kind !== "participant-readiness";
  const current = parseWidgetSettings(kind, serialiseWidgetSettings(values));
  const missingStage = props.showMissing && stageRequired && !values.stage ? "Choose the stage whose figures the widget shows." : undefined;
  const missingPath = props.showMissing && kind === "participant-readiness" && !values.path ? "Choose the participants' path." : undefined;

  return (
    <form className="mhhs-configuration" onSubmit={(e) => e.preventDefault()} aria-label="Widget configuration">
      {optionsFailure && (
        <div className="mhhs-invalid" role="alert">
          {optionsFailure}
        </div>
      )}
      <div>
        <label htmlFor="mhhs-config-title">Title</label>
        <input id="mhhs-config-title" type="text" value={values.title ?? ""} maxLength={80} placeholder="A title of your own (optional)" onChange={(e) => change({ title: e.target.value })} />
      </div>
      {kind === "participant-readiness" && (
        <Select id="mhhs-config-path" label="Path" value={values.path ?? ""} onChange={(v) => change({ path: (v || undefined) as Values["path"] })} options={PATH_OPTIONS} invalid={missingPath} />
      )}
      <Select
        id="mhhs-config-stage"
        label="Stage"
        value={values.stage ?? ""}
        onChange={(v) => change({ stage: v || undefined, cycle: undefined })}
        options={keep([{ value: "", text: stageRequired ? "Choose a stage" : "All stages of the path" }, ...stages.map((s) => ({ value: s.code, text: `${s.code} – ${s.name}` }))], values.stage)}
        invalid={missingStage}
      />
      <Select
        id="mhhs-config-cycle"
        label="Cycle"
        value={values.cycle ?? ""}
        onChange={(v) => change({ cycle: v || undefined })}
        options={keep([{ value: "", text: "All cycles" }, ...cycles.map((c) => ({ value: c, text: c }))], values.cycle)}
        hint={cyclesNote ?? (values.stage ? undefined : "Choose a stage to see its cycles.")}
        disabled={!values.stage}
      />
      <Select
        id="mhhs-config-role"
        label="Market role"
        value={values.role ?? ""}
        onChange={(v) => change({ role: v || undefined, participant: undefined })}
        options={keep([{ value: "", text: "All roles" }, ...roles.map((r) => ({ value: r.code, text: `${r.code} – ${r.name}` }))], values.role)}
      />
      <Select
        id="mhhs-config-participant"
        label="Participant"
        value={values.participant ?? ""}
        onChange={(v) => change({ participant: v || undefined })}
        options={keep([{ value: "", text: "All participants" }, ...participants.map((p) => ({ value: p.mpid, text: `${p.mpid} – ${p.organisation}` }))], values.participant)}
      />
      {kind === "stage-progress" && (
        <Select
          id="mhhs-config-group"
          label="Bars"
          value={values.groupBy ?? "role"}
          onChange={(v) => change({ groupBy: v === "participant" ? "participant" : undefined })}
          options={[
            { value: "role", text: "By market role" },
            { value: "participant", text: "By participant" },
          ]}
          hint="At the smallest size the widget shows the stage's rates alone."
        />
      )}
      {kind === "defects-by-severity" && (
        <div className="mhhs-check">
          <input id="mhhs-config-blocking" type="checkbox" checked={values.exitBlockingOnly === true} onChange={(e) => change({ exitBlockingOnly: e.target.checked || undefined })} />
          <label htmlFor="mhhs-config-blocking">Only exit-blocking defects</label>
        </div>
      )}
      {initial.problems.length > 0 && (
        <div className="mhhs-invalid" role="status">
          {initial.problems.join(" ")}
        </div>
      )}
      {!current.configured && <div className="mhhs-hint">{missingSentence(current.missing)}</div>}
    </form>
  );
}
