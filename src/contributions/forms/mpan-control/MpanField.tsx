import * as React from "react";
import { TextField } from "azure-devops-ui/TextField";
import { getSafeId } from "azure-devops-ui/Util";
import { FieldProblems } from "../../../ui/FieldProblems";
import { checkMpanList } from "../shared/fieldChecks";

export interface MpanFieldProps {
  label: string;
  value: string;
  readOnly: boolean;
  onChange(value: string): void;
}

/** A free-text list of MPAN cores, each checked against its check digit as the user types. */
export function MpanField(props: MpanFieldProps): JSX.Element {
  const inputId = "mhhs-mpan-input";
  const problemsId = "mhhs-mpan-problems";
  const check = React.useMemo(() => checkMpanList(props.value), [props.value]);
  const invalid = check.problems.length > 0;
  return (
    <div className="flex-column">
      <TextField
        inputId={inputId}
        ariaLabel={props.label}
        ariaInvalid={invalid}
        ariaDescribedBy={invalid ? problemsId : undefined}
        value={props.value}
        readOnly={props.readOnly}
        multiline
        autoAdjustHeight
        rows={2}
        placeholder="One MPAN core per line, e.g. 1800021679848"
        onChange={(_event, value) => props.onChange(value)}
      />
      <FieldProblems id={getSafeId(problemsId) ?? problemsId} problems={check.problems} />
      {!invalid && check.validCount > 0 ? (
        <div className="mhhs-summary mhhs-ok">
          {check.validCount === 1 ? "1 valid MPAN" : `${check.validCount} valid MPANs`}
        </div>
      ) : null}
    </div>
  );
}
