import { mountWidget } from "../shared/mount";
import { defectsBySeverity } from "./defectsBySeverity";

mountWidget(defectsBySeverity);
