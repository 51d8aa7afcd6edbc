import * as React from "react";
import * as ReactDOM from "react-dom";
import "azure-devops-ui/Core/override.css";
import type { FormEvents } from "../../../ado/formEvents";
import { createFormEvents } from "../../../ado/formEvents";
import { resizeToContent, startContribution } from "../../../ado/sdk";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { getWorkItemForm } from "../../../ado/workItemForm";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { failureMessage } from "../../../ado/errors";

/**
 * The entry of a form group frame: renders at once (the handshake never completes outside a
 * host), registers for the form's notifications, then mounts the group on the form service.
 */
export function mountFormGroup(label: string, render: (form: WorkItemForm, events: FormEvents, resize: () => void) => JSX.Element): void {
  const root = document.getElementById("root");
  const events = createFormEvents();
  const resize = () => resizeToContent();
  ReactDOM.render(<Loading label={`Loading ${label}…`} />, root);
  startContribution({
    callbacks: events.listener,
    onReady: async () => {
      const form = await getWorkItemForm();
      ReactDOM.render(render(form, events, resize), root);
    },
  }).catch((error: unknown) => {
    ReactDOM.render(<LoadFailure message={`${label} could not start: ${failureMessage(error)}`} />, root);
    try {
      resize();
    } catch {
      // Without a host there is no frame to fit.
    }
  });
}
