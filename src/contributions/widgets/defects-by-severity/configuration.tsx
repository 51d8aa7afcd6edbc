import { mountConfiguration } from "../shared/mount";

mountConfiguration("defects-by-severity");
