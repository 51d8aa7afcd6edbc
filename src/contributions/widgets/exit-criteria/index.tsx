import { mountWidget } from "../shared/mount";
import { exitCriteria } from "./exitCriteria";

mountWidget(exitCriteria);
