import { mountWidget } from "../shared/mount";
import { participantReadiness } from "./readiness";

mountWidget(participantReadiness);
