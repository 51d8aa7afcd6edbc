import * as React from "react";
import { Pill, PillSize, PillVariant } from "azure-devops-ui/Pill";
import { PillGroup, PillGroupOverflow } from "azure-devops-ui/PillGroup";
import { findReferenceFamily, parseDesignReferences } from "../domain/references";
import "./mhhs.css";

/**
 * The references of a Design References value as chips: each understood reference with its kind
 * as a tooltip, each token that was not understood marked (its reason is listed by FieldProblems).
 */
export function DesignReferenceChips(props: { text: string; label: string }): JSX.Element | null {
  const parsed = React.useMemo(() => parseDesignReferences(props.text), [props.text]);
  const unique = Array.from(new Map(parsed.references.map((reference) => [reference.id, reference])).values());
  if (unique.length === 0 && parsed.errors.length === 0) return null;
  return (
    <div className="mhhs-chips" role="list" aria-label={`${props.label} as read`}>
      <PillGroup overflow={PillGroupOverflow.wrap}>
        {unique.map((reference) => (
          <Pill
            key={reference.id}
            size={PillSize.compact}
            variant={PillVariant.outlined}
            isListItem
            ariaLabel={`${reference.id}, ${findReferenceFamily(reference.kind)?.name ?? reference.kind}`}
          >
            {reference.id}
          </Pill>
        ))}
        {parsed.errors.map((error, index) => (
          <Pill
            key={`bad-${index}-${error.token}`}
            size={PillSize.compact}
            variant={PillVariant.outlined}
            className="mhhs-chip-bad"
            isListItem
            ariaLabel={`${error.token}, not understood`}
          >
            {error.token}
          </Pill>
        ))}
      </PillGroup>
    </div>
  );
}
