// A stand-in for the work item form service, as the host behaves: values per field, setError /
// clearError recorded, links, and (like Azure DevOps) a field change notification for every
// value set, including the group's own writes.
import type { FormEvents } from "../../../src/ado/formEvents";
import type { WorkItemForm } from "../../../src/ado/workItemForm";
import type { LinkedRelation } from "../../../src/contributions/forms/shared/formBinding";

export interface FakeFormOptions {
  events?: FormEvents;
  relations?: LinkedRelation[];
  /** Fields the form does not have: reading one fails. */
  missing?: string[];
}

export function fakeForm(initial: Record<string, unknown>, options: FakeFormOptions = {}) {
  const values: Record<string, unknown> = { ...initial };
  const errors: Array<string | null> = [];
  const relations: LinkedRelation[] = [...(options.relations ?? [])];
  const raw = {
    getFieldValue: jest.fn(async (name: string) => {
      if (options.missing?.includes(name)) throw new Error(`TF51535: Cannot find field ${name}.`);
      return values[name];
    }),
    setFieldValue: jest.fn(async (name: string, value: unknown) => {
      values[name] = value;
      options.events?.listener.onFieldChanged({ id: 1, changedFields: { [name]: value } });
      return true;
    }),
    setError: jest.fn(async (message: string) => {
      errors.push(message);
    }),
    clearError: jest.fn(async () => {
      errors.push(null);
    }),
    getWorkItemRelations: jest.fn(async () => relations.slice()),
    addWorkItemRelations: jest.fn(async (added: LinkedRelation[]) => {
      relations.push(...added);
    }),
  };
  return {
    form: raw as unknown as WorkItemForm,
    raw,
    values,
    errors,
    relations,
    /** The form's save-blocking message now: null when cleared, undefined when never set. */
    lastError: () => errors[errors.length - 1],
  };
}

export function workItemUrl(id: number): string {
  return `https://dev.azure.com/mhhs/_apis/wit/workItems/${id}`;
}
