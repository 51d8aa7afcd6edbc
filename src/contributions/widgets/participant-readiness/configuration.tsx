import { mountConfiguration } from "../shared/mount";

mountConfiguration("participant-readiness");
