import * as React from "react";
import * as ReactDOM from "react-dom";
import "azure-devops-ui/Core/override.css";
import { resizeToContent, startContribution } from "../../../ado/sdk";
import { boundFieldName, getWorkItemForm } from "../../../ado/workItemForm";
import { createFormEvents } from "../../../ado/formEvents";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { BoundMpanControl } from "./BoundMpanControl";
import { failureMessage } from "../../../ado/errors";

const root = document.getElementById("root");
const events = createFormEvents();
ReactDOM.render(<div className="mhhs-summary">Loading…</div>, root);

startContribution({
  callbacks: events.listener,
  onReady: async (configuration) => {
    const fieldName = boundFieldName(configuration, "FieldName");
    if (!fieldName) {
      ReactDOM.render(
        <MessageCard severity={MessageCardSeverity.Warning}>
          This control has no field: bind the FieldName input to a text field (for example Test MPANs) on the form layout.
        </MessageCard>,
        root,
      );
      resizeToContent();
      return;
    }
    const form = await getWorkItemForm();
    ReactDOM.render(
      <BoundMpanControl form={form} events={events} fieldName={fieldName} label="Test MPANs" onHeightChange={() => resizeToContent()} />,
      root,
    );
  },
}).catch((error) => {
  ReactDOM.render(
    <MessageCard severity={MessageCardSeverity.Error}>
      The MPAN control could not start: {failureMessage(error)}
    </MessageCard>,
    root,
  );
});

