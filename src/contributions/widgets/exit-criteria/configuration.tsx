import { mountConfiguration } from "../shared/mount";

mountConfiguration("exit-criteria");
