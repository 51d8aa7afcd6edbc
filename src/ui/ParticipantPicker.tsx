import * as React from "react";
import { TextField } from "azure-devops-ui/TextField";
import { getSafeId } from "azure-devops-ui/Util";
import type { Participant } from "../domain/model";
import { searchParticipants } from "../domain/participants";
import "./mhhs.css";

export interface ParticipantPickerProps {
  inputId: string;
  value: string;
  participants: readonly Participant[];
  readOnly: boolean;
  invalid: boolean;
  ariaDescribedBy?: string;
  placeholder?: string;
  onChange(text: string): void;
  /** The user left the field. */
  onLeave?(): void;
  maxSuggestions?: number;
}

function describe(participant: Participant): string {
  return `${participant.mpid} · ${participant.organisation} (${participant.roles.join(", ")})`;
}

/**
 * An MPID field with suggestions from the participant register, as an ARIA combobox: typing
 * filters (MPID first, then organisation), arrow keys move, Enter or a click picks, Escape closes.
 */
export function ParticipantPicker(props: ParticipantPickerProps): JSX.Element {
  const { inputId, value, participants, readOnly, onChange } = props;
  const listId = `${inputId}-suggestions`;
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(0);
  const suggestions = React.useMemo(
    () => (open && !readOnly ? searchParticipants(participants, value, props.maxSuggestions ?? 8) : []),
    [open, readOnly, participants, value, props.maxSuggestions],
  );
  const shown = suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);

  const pick = (participant: Participant) => {
    onChange(participant.mpid);
    setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (readOnly) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (suggestions.length > 0) setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" && shown) {
      event.preventDefault();
      pick(suggestions[activeIndex]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="mhhs-combobox">
      <TextField
        inputId={inputId}
        role="combobox"
        ariaAutoComplete="list"
        ariaExpanded={shown}
        ariaControls={shown ? listId : undefined}
        ariaActiveDescendant={shown ? `${listId}-${activeIndex}` : undefined}
        ariaInvalid={props.invalid}
        ariaDescribedBy={props.ariaDescribedBy}
        value={value}
        readOnly={readOnly}
        placeholder={props.placeholder ?? "MPID or organisation"}
        onChange={(_event, text) => {
          onChange(text);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => !readOnly && setOpen(true)}
        onBlur={() => {
          setOpen(false);
          props.onLeave?.();
        }}
      />
      {shown ? (
        // TextField turns the ids it refers to into safe ids: the list and its options carry those.
        <ul className="mhhs-suggestions" role="listbox" id={getSafeId(listId)} aria-label="Participants">
          {suggestions.map((participant, index) => (
            <li
              key={participant.mpid}
              id={getSafeId(`${listId}-${index}`)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? "mhhs-suggestion mhhs-suggestion-active" : "mhhs-suggestion"}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(participant);
              }}
            >
              {describe(participant)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
