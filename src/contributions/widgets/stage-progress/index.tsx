import { mountWidget } from "../shared/mount";
import { stageProgress } from "./stageProgress";

mountWidget(stageProgress);
