import * as React from "react";
import * as ReactDOM from "react-dom";
import { failureMessage } from "../../../ado/errors";
import { startContribution } from "../../../ado/sdk";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import { hostProgrammeServices } from "./hostProgrammeServices";
import { ProgrammeHub } from "./ProgrammeHub";
import "./programme.css";

const root = document.getElementById("root");
ReactDOM.render(<Loading label="Loading the MHHS programme…" />, root);
startContribution({
  onReady: async () => {
    ReactDOM.render(<ProgrammeHub services={await hostProgrammeServices()} />, root);
  },
}).catch((error: unknown) => {
  ReactDOM.render(<LoadFailure message={`The MHHS Programme hub could not start: ${failureMessage(error)}`} />, root);
});
