import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { mpanProblems } from "../shared/fieldChecks";
import type { FieldValues } from "../shared/formBinding";
import { useFormBinding } from "../shared/useFormBinding";
import { MpanField } from "./MpanField";

export interface BoundMpanControlProps {
  form: WorkItemForm;
  events: FormEvents;
  fieldName: string;
  label: string;
  onHeightChange?: () => void;
}

/** Keeps the bound field, the on-screen text and the form's save-blocking error in step. */
export function BoundMpanControl(props: BoundMpanControlProps): JSX.Element {
  const { form, events, fieldName, label, onHeightChange } = props;
  const fields = React.useMemo(() => [{ name: fieldName, label }], [fieldName, label]);
  const validate = React.useCallback((values: FieldValues) => ({ [fieldName]: mpanProblems(values[fieldName] ?? "") }), [fieldName]);
  const bound = useFormBinding({ form, events, fields, validate });

  React.useEffect(() => {
    onHeightChange?.();
  });

  if (bound.status === "loading") {
    return <div className="mhhs-summary">Loading {label}…</div>;
  }
  return (
    <div className="flex-column">
      {bound.notices.map((notice) => (
        <MessageCard key={`${notice.kind}-${notice.field ?? ""}`} severity={MessageCardSeverity.Error}>
          {notice.message}
        </MessageCard>
      ))}
      <MpanField
        label={label}
        value={bound.values[fieldName] ?? ""}
        readOnly={bound.readOnly || fieldName in bound.unreadable}
        onChange={(value) => bound.set(fieldName, value)}
      />
    </div>
  );
}
