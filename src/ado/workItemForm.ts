import * as SDK from "azure-devops-extension-sdk";
import type {
  IWorkItemFormService,
  IWorkItemNotificationListener,
} from "azure-devops-extension-api/WorkItemTracking";

const WORK_ITEM_FORM_SERVICE = "ms.vss-work-web.work-item-form";

/** The part of the work item form service that the MHHS form contributions use. */
export type WorkItemForm = Pick<
  IWorkItemFormService,
  | "getId"
  | "isNew"
  | "isDirty"
  | "getFieldValue"
  | "getFieldValues"
  | "setFieldValue"
  | "setFieldValues"
  | "getWorkItemRelations"
  | "addWorkItemRelations"
  | "save"
  | "setError"
  | "clearError"
>;

export type FormNotifications = Partial<IWorkItemNotificationListener>;

export function getWorkItemForm(): Promise<WorkItemForm> {
  return SDK.getService<IWorkItemFormService>(WORK_ITEM_FORM_SERVICE);
}

/** The field a form control is bound to, from the control's `witInputs` configuration. */
export function boundFieldName(configuration: Record<string, unknown>, inputId: string): string | undefined {
  const inputs = configuration.witInputs as Record<string, unknown> | undefined;
  const value = inputs?.[inputId];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
