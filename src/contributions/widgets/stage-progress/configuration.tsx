import { mountConfiguration } from "../shared/mount";

mountConfiguration("stage-progress");
