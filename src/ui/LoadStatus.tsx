import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import "./mhhs.css";

/** A small spinner with the text a screen reader announces. */
export function Loading(props: { label: string }): JSX.Element {
  return (
    <div className="mhhs-loading flex-row flex-center">
      <Spinner size={SpinnerSize.small} label={props.label} ariaLive="polite" />
    </div>
  );
}

/** Why something could not be loaded, with a way to try again: never a blank panel. */
export function LoadFailure(props: { message: string; onRetry?: () => void }): JSX.Element {
  return (
    <MessageCard
      className="mhhs-message"
      severity={MessageCardSeverity.Error}
      buttonProps={props.onRetry ? [{ text: "Try again", onClick: props.onRetry }] : undefined}
    >
      {props.message}
    </MessageCard>
  );
}
