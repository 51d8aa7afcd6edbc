// The participant register as other editors read it (environments plan, qualification
// requirements): loaded once per tab, and a failed read said, not taken for an empty register.

import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { PARTICIPANT_REGISTER } from "../../../ado/configStore";
import { failureMessage } from "../../../ado/errors";
import type { Catalogues } from "../../../domain/catalogues";
import type { Participant } from "../../../domain/model";
import type { AdminServices } from "./adminServices";

export type RegisterState = { status: "loading"; participants: [] } | { status: "loaded"; participants: Participant[] } | { status: "failed"; participants: []; error: string };

export function useParticipantRegister(services: AdminServices, catalogues: Catalogues): RegisterState {
  const [state, setState] = React.useState<RegisterState>({ status: "loading", participants: [] });
  React.useEffect(() => {
    let current = true;
    services.loadConfig(PARTICIPANT_REGISTER, catalogues).then(
      (loaded) => current && setState({ status: "loaded", participants: Array.isArray(loaded.data.participants) ? loaded.data.participants : [] }),
      (error: unknown) => current && setState({ status: "failed", participants: [], error: failureMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [services, catalogues]);
  return state;
}

/** Says that the register could not be read and what that leaves unchecked; nothing otherwise. */
export function RegisterFailure(props: { register: RegisterState; consequence: string }): JSX.Element | null {
  if (props.register.status !== "failed") return null;
  return (
    <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
      {`The participant register could not be read (${props.register.error}), so ${props.consequence}. Reload the page to try again.`}
    </MessageCard>
  );
}
