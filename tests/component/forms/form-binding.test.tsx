import { createFormEvents } from "../../../src/ado/formEvents";
import type { WorkItemForm } from "../../../src/ado/workItemForm";
import { FormBinding, summariseProblems } from "../../../src/contributions/forms/shared/formBinding";
import type { FieldProblem } from "../../../src/ui/FieldProblems";
import { fakeForm, workItemUrl } from "./fakeForm";

const A = { name: "Custom.MhhsTestCycle", label: "Test Cycle" };
const B = { name: "Custom.MhhsDesignReferences", label: "Design References" };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const noDigits = (text: string): FieldProblem[] => (/\d/.test(text) ? [{ token: text, reason: "has digits" }] : []);

describe("form binding", () => {
  it("lists the first problem of the group and how many more, in field order", () => {
    expect(
      summariseProblems([A, B], {
        [B.name]: [{ token: "IF33", reason: "IF needs three digits" }],
        [A.name]: [{ token: "", reason: "is required" }, { token: "x", reason: "is odd" }],
      }),
    ).toBe("Test Cycle: is required (and 2 more)");
    expect(summariseProblems([A, B], {})).toBeUndefined();
  });

  it("never lets the echo of an earlier keystroke undo later typing", async () => {
    const events = createFormEvents();
    const { form, raw, values } = fakeForm({ [A.name]: "" });
    raw.setFieldValue.mockImplementation(async (name: string, value: unknown) => {
      values[name] = value;
      return true;
    });
    const binding = new FormBinding(form, events, { fields: [A] });
    binding.start();
    await flush();
    binding.set(A.name, "C");
    binding.set(A.name, "C3");
    events.listener.onFieldChanged({ id: 1, changedFields: { [A.name]: "C" } });
    await flush();
    expect(binding.getState().values[A.name]).toBe("C3");
    events.listener.onFieldChanged({ id: 1, changedFields: { [A.name]: "C3" } });
    events.listener.onFieldChanged({ id: 1, changedFields: { [A.name]: "Batch 2" } });
    expect(binding.getState().values[A.name]).toBe("Batch 2");
  });

  it("keeps a keystroke made while the fields were being read again", async () => {
    const events = createFormEvents();
    const { form, raw } = fakeForm({ [A.name]: "C1" });
    const binding = new FormBinding(form, events, { fields: [A] });
    binding.start();
    await flush();
    const slowRead = deferred<unknown>();
    raw.getFieldValue.mockImplementationOnce(() => slowRead.promise);
    events.listener.onRefreshed({ id: 1 });
    binding.set(A.name, "C2");
    slowRead.resolve("C1");
    await flush();
    expect(binding.getState().values[A.name]).toBe("C2");
  });

  it("sends the form one message for the group, only when it changes, and clears it when fixed", async () => {
    const events = createFormEvents();
    const { form, raw, lastError } = fakeForm({ [A.name]: "C1", [B.name]: "IF-033" });
    const binding = new FormBinding(form, events, {
      fields: [A, B],
      validate: (values) => ({ [A.name]: noDigits(values[A.name] ?? ""), [B.name]: [] }),
    });
    binding.start();
    await flush();
    expect(lastError()).toBe("Test Cycle: C1: has digits");
    binding.set(B.name, "IF-035");
    await flush();
    expect(raw.setError).toHaveBeenCalledTimes(1);
    binding.set(A.name, "Batch");
    await flush();
    expect(lastError()).toBeNull();
  });

  it("starts afresh for the next work item opened in the same frame", async () => {
    const events = createFormEvents();
    const { form, values, raw, lastError } = fakeForm({ [A.name]: "C1" });
    const binding = new FormBinding(form, events, { fields: [A], validate: (v) => ({ [A.name]: noDigits(v[A.name] ?? "") }) });
    binding.start();
    events.listener.onLoaded({ id: 1, isNew: false, isReadOnly: false });
    await flush();
    expect(lastError()).toBe("Test Cycle: C1: has digits");
    events.listener.onUnloaded({ id: 1 });
    expect(binding.getState().status).toBe("loading");
    values[A.name] = "C1";
    events.listener.onLoaded({ id: 2, isNew: false, isReadOnly: true });
    await flush();
    expect(binding.getState()).toMatchObject({ status: "ready", workItemId: 2, readOnly: true });
    // The host forgets a frame's error with its work item: the same message is sent again.
    expect(raw.setError).toHaveBeenCalledTimes(2);
  });

  it("drops held-back text when the user resets the form", async () => {
    const events = createFormEvents();
    const { form, raw, lastError } = fakeForm({ [A.name]: "C1" });
    const binding = new FormBinding(form, events, { fields: [A] });
    binding.start();
    await flush();
    raw.setFieldValue.mockResolvedValueOnce(false);
    binding.set(A.name, "C9");
    await flush();
    expect(binding.getState().unsynced[A.name]).toBe(true);
    expect(lastError()).toMatch(/^Test Cycle: your text has not reached the form/);
    events.listener.onReset({ id: 1 });
    await flush();
    expect(binding.getState().values[A.name]).toBe("C1");
    expect(binding.getState().notices).toEqual([]);
    expect(lastError()).toBeNull();
  });

  it("reads the links again when the form reports a change of links", async () => {
    const events = createFormEvents();
    const { form, relations, raw } = fakeForm({}, { relations: [] });
    const binding = new FormBinding(form, events, { fields: [A], relations: true });
    binding.start();
    await flush();
    expect(binding.getState().relations).toEqual([]);
    relations.push({ rel: "Microsoft.VSTS.Common.TestedBy-Forward", url: workItemUrl(5) });
    events.listener.onFieldChanged({ id: 1, changedFields: { "System.RelatedLinkCount": 1 } });
    await flush();
    expect(binding.getState().relations).toHaveLength(1);
    expect(raw.getWorkItemRelations).toHaveBeenCalledTimes(2);
  });

  it("says so, once, when the form will not take its error", async () => {
    const events = createFormEvents();
    const { form, raw } = fakeForm({ [A.name]: "C1" });
    raw.setError.mockRejectedValue(new Error("no active work item"));
    const binding = new FormBinding(form as WorkItemForm, events, { fields: [A], validate: (v) => ({ [A.name]: noDigits(v[A.name] ?? "") }) });
    binding.start();
    await flush();
    await flush();
    expect(binding.getState().notices).toEqual([
      { kind: "errorNotSent", message: "Could not tell the form whether it may be saved: no active work item" },
    ]);
    expect(raw.setError).toHaveBeenCalledTimes(1);
  });

  it("reads a date field as an ISO date-time and a missing watched field as empty", async () => {
    const events = createFormEvents();
    const { form } = fakeForm({ "System.CreatedDate": new Date("2024-03-01T09:30:00Z") }, { missing: ["Microsoft.VSTS.Common.ClosedDate"] });
    const binding = new FormBinding(form, events, { fields: [A], watched: ["System.CreatedDate", "Microsoft.VSTS.Common.ClosedDate"] });
    binding.start();
    await flush();
    expect(binding.getState().values).toMatchObject({ "System.CreatedDate": "2024-03-01T09:30:00.000Z", "Microsoft.VSTS.Common.ClosedDate": "" });
    expect(binding.getState().notices).toEqual([]);
  });
});
