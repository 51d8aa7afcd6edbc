import * as React from "react";
import type { FormEvents } from "../../../ado/formEvents";
import type { WorkItemForm } from "../../../ado/workItemForm";
import { FormBinding, FormBindingOptions, FormBindingState, Validator } from "./formBinding";

export interface BoundForm extends FormBindingState {
  set(name: string, text: string): void;
  retry(name: string): void;
  takeFormValue(name: string): void;
  reloadRelations(): Promise<void>;
}

export interface UseFormBindingOptions extends Omit<FormBindingOptions, "validate"> {
  form: WorkItemForm;
  events: FormEvents;
  /** Recomputed whenever its identity changes (memoise it on what it depends on). */
  validate?: Validator;
}

/** The group's fields as React state, bound to the work item form for the component's lifetime. */
export function useFormBinding(options: UseFormBindingOptions): BoundForm {
  const { form, events, validate } = options;
  const [binding] = React.useState(() => new FormBinding(form, events, options));
  const [state, setState] = React.useState(() => binding.getState());

  React.useEffect(() => {
    const unsubscribe = binding.subscribe(() => setState(binding.getState()));
    const stop = binding.start();
    return () => {
      unsubscribe();
      stop();
    };
  }, [binding]);

  React.useEffect(() => {
    if (validate) binding.setValidator(validate);
  }, [binding, validate]);

  return React.useMemo(
    () => ({
      ...state,
      set: (name: string, text: string) => binding.set(name, text),
      retry: (name: string) => binding.retry(name),
      takeFormValue: (name: string) => binding.takeFormValue(name),
      reloadRelations: () => binding.reloadRelations(),
    }),
    [state, binding],
  );
}
