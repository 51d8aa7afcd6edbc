import * as React from "react";
import * as ReactDOM from "react-dom";
import { failureMessage } from "../../../ado/errors";
import { startContribution } from "../../../ado/sdk";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { AdminHub } from "./AdminHub";
import { hostAdminServices } from "./hostAdminServices";

const root = document.getElementById("root");
ReactDOM.render(<Loading label="Loading MHHS set-up…" />, root);
startContribution({
  onReady: async () => {
    ReactDOM.render(<AdminHub services={await hostAdminServices()} />, root);
  },
}).catch((error: unknown) => {
  ReactDOM.render(<LoadFailure message={`MHHS set-up could not start: ${failureMessage(error)}`} />, root);
});
