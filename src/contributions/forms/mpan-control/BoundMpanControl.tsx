import * as React from "react";
import type { WorkItemForm } from "../../../ado/workItemForm";
import type { FormEvents } from "../../../ado/formEvents";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { checkMpanList, MpanField } from "./MpanField";

export interface BoundMpanControlProps {
  form: WorkItemForm;
  events: FormEvents;
  fieldName: string;
  label: string;
  onHeightChange?: () => void;
}

function describeBlockingProblems(label: string, text: string): string | undefined {
  const { problems } = checkMpanList(text);
  if (problems.length === 0) return undefined;
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return `${label}: ${first.token} ${first.reason}${more}`;
}

function asText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Keeps the bound field, the on-screen text and the form's save-blocking error in step. */
export function BoundMpanControl(props: BoundMpanControlProps): JSX.Element {
  const { form, events, fieldName, label, onHeightChange } = props;
  const [text, setText] = React.useState<string | undefined>(undefined);
  const [readOnly, setReadOnly] = React.useState(false);
  const [failure, setFailure] = React.useState<string | undefined>(undefined);
  const lastWritten = React.useRef<string | undefined>(undefined);

  const applyValidation = React.useCallback(
    async (value: string) => {
      const problem = describeBlockingProblems(label, value);
      if (problem) await form.setError(problem);
      else await form.clearError();
    },
    [form, label],
  );

  const loadFromForm = React.useCallback(async () => {
    try {
      const value = asText(await form.getFieldValue(fieldName));
      lastWritten.current = value;
      setText(value);
      setFailure(undefined);
      await applyValidation(value);
    } catch (error) {
      setFailure(`Could not read ${fieldName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, [form, fieldName, applyValidation]);

  React.useEffect(() => {
    const unsubscribe = events.subscribe((event) => {
      if (event.kind === "loaded") {
        setReadOnly(event.args.isReadOnly);
        void loadFromForm();
      } else if (event.kind === "fieldChanged") {
        const changed = event.args.changedFields[fieldName];
        if (changed !== undefined && asText(changed) !== lastWritten.current) void loadFromForm();
      } else if (event.kind === "refreshed" || event.kind === "reset" || event.kind === "saved") {
        void loadFromForm();
      }
    });
    void loadFromForm();
    return unsubscribe;
  }, [events, fieldName, loadFromForm]);

  React.useEffect(() => {
    onHeightChange?.();
  });

  const onChange = React.useCallback(
    (value: string) => {
      setText(value);
      lastWritten.current = value;
      void applyValidation(value);
      form.setFieldValue(fieldName, value).then(
        (accepted) => setFailure(accepted ? undefined : `The form did not accept the new value of ${fieldName}; your text is kept here.`),
        (error) => setFailure(`Could not update ${fieldName}: ${error instanceof Error ? error.message : String(error)}; your text is kept here.`),
      );
    },
    [form, fieldName, applyValidation],
  );

  if (text === undefined && !failure) {
    return <div className="mhhs-summary">Loading {label}…</div>;
  }
  return (
    <div className="flex-column">
      {failure ? <MessageCard severity={MessageCardSeverity.Error}>{failure}</MessageCard> : null}
      <MpanField label={label} value={text ?? ""} readOnly={readOnly} onChange={onChange} />
    </div>
  );
}
