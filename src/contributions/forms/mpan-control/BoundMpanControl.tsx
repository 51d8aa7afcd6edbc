import * as React from "react";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { Loading } from "../../../ui/LoadStatus";
import "../../../ui/mhhs.css";
import { GeneralNotices, MpansRow } from "../shared/FieldRows";
import { mpanProblems } from "../shared/fieldChecks";
import type { FieldValues } from "../shared/formBinding";
import { useFormBinding } from "../shared/useFormBinding";

export interface BoundMpanControlProps {
  form: WorkItemForm;
  events: FormEvents;
  fieldName: string;
  label: string;
  onHeightChange?: () => void;
}

/**
 * Keeps the bound field, the on-screen text and the form's save-blocking error in step: the
 * groups' MPAN row, so a refused write or a conflict offers "Write it again" / "Keep mine" and
 * "Use the form's value" here too. The host draws the control's label, so it is read, not drawn.
 */
export function BoundMpanControl(props: BoundMpanControlProps): JSX.Element {
  const { form, events, fieldName, label, onHeightChange } = props;
  const field = React.useMemo(() => ({ name: fieldName, label }), [fieldName, label]);
  const fields = React.useMemo(() => [field], [field]);
  const validate = React.useCallback((values: FieldValues) => ({ [fieldName]: mpanProblems(values[fieldName] ?? "") }), [fieldName]);
  const bound = useFormBinding({ form, events, fields, validate });

  React.useEffect(() => {
    onHeightChange?.();
  });

  if (bound.status === "loading") return <Loading label={`Loading ${label}…`} />;
  return (
    <div className="mhhs-group flex-column">
      <GeneralNotices bound={bound} />
      <MpansRow bound={bound} field={field} labelHidden />
    </div>
  );
}
