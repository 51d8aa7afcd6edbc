import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { BoundMpanControl } from "../../../src/contributions/forms/mpan-control/BoundMpanControl";
import { createFormEvents } from "../../../src/ado/formEvents";
import type { WorkItemForm } from "../../../src/ado/workItemForm";

const FIELD = "Custom.MhhsTestMpans";

function fakeForm(initial: Record<string, unknown>) {
  const values: Record<string, unknown> = { ...initial };
  const errors: Array<string | null> = [];
  const form = {
    getFieldValue: jest.fn(async (name: string) => values[name]),
    setFieldValue: jest.fn(async (name: string, value: unknown) => {
      values[name] = value;
      return true;
    }),
    setError: jest.fn(async (message: string) => {
      errors.push(message);
    }),
    clearError: jest.fn(async () => {
      errors.push(null);
    }),
  };
  return { form: form as unknown as WorkItemForm, values, errors, raw: form };
}

function input(): HTMLTextAreaElement {
  return screen.getByLabelText("Test MPANs") as HTMLTextAreaElement;
}

describe("MPAN control", () => {
  it("shows the bound field's MPANs and counts the valid ones", async () => {
    const { form } = fakeForm({ [FIELD]: "1800021679848" });
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input().value).toBe("1800021679848"));
    expect(screen.getByText("1 valid MPAN")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("flags a wrong check digit, blocks the save, and clears the moment it is fixed", async () => {
    const { form, values, errors } = fakeForm({ [FIELD]: "" });
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input()).toBeTruthy());

    fireEvent.change(input(), { target: { value: "1800021679843" } });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/check digit should be 8/));
    expect(input().getAttribute("aria-invalid")).toBe("true");
    expect(values[FIELD]).toBe("1800021679843");
    expect(errors[errors.length - 1]).toMatch(/^Test MPANs: 1800021679843/);

    fireEvent.change(input(), { target: { value: "1800021679848" } });
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(errors[errors.length - 1]).toBeNull();
  });

  it("reports every bad entry of a list, including duplicates", async () => {
    const { form, errors } = fakeForm({ [FIELD]: "" });
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input()).toBeTruthy());
    fireEvent.change(input(), { target: { value: "1800021679848\n12345\n1800021679848\n18000216798X8" } });
    const alert = await screen.findByRole("alert");
    expect(alert.querySelectorAll("li")).toHaveLength(3);
    expect(alert.textContent).toMatch(/listed more than once/);
    expect(errors[errors.length - 1]).toMatch(/and 2 more/);
  });

  it("follows changes made elsewhere on the form", async () => {
    const { form, values } = fakeForm({ [FIELD]: "1800021679848" });
    const events = createFormEvents();
    render(<BoundMpanControl form={form} events={events} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input().value).toBe("1800021679848"));
    values[FIELD] = "1800021679843";
    act(() => {
      events.listener.onFieldChanged({ id: 1, changedFields: { [FIELD]: "1800021679843" } });
    });
    await waitFor(() => expect(input().value).toBe("1800021679843"));
    expect(screen.getByRole("alert").textContent).toMatch(/check digit/);
  });

  it("is read-only when the form is", async () => {
    const { form } = fakeForm({ [FIELD]: "1800021679848" });
    const events = createFormEvents();
    events.listener.onLoaded({ id: 5, isNew: false, isReadOnly: true });
    render(<BoundMpanControl form={form} events={events} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input().readOnly).toBe(true));
  });

  it("keeps the typed text and says so when the form refuses the value", async () => {
    const { form, raw } = fakeForm({ [FIELD]: "" });
    raw.setFieldValue.mockRejectedValueOnce(new Error("field is read-only"));
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input()).toBeTruthy());
    fireEvent.change(input(), { target: { value: "1800021679848" } });
    await screen.findByText(/Could not update Custom.MhhsTestMpans: field is read-only; your text is kept here/);
    expect(input().value).toBe("1800021679848");
  });

  it("says when the field cannot be read instead of showing a blank control", async () => {
    const { form, raw } = fakeForm({});
    raw.getFieldValue.mockRejectedValue(new Error("no such field"));
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await screen.findByText(/Could not read Custom.MhhsTestMpans: no such field/);
  });

  it("offers to write the refused text again, and the save stays blocked until it reaches the form", async () => {
    const { form, raw, values, errors } = fakeForm({ [FIELD]: "" });
    raw.setFieldValue.mockRejectedValueOnce(new Error("busy"));
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input()).toBeTruthy());
    fireEvent.change(input(), { target: { value: "1800021679848" } });
    await screen.findByText(/Could not update Custom.MhhsTestMpans: busy/);
    await waitFor(() => expect(errors[errors.length - 1]).toMatch(/your text has not reached the form/));
    expect(values[FIELD]).toBe("");

    fireEvent.click(screen.getByRole("button", { name: "Write it again" }));
    await waitFor(() => expect(values[FIELD]).toBe("1800021679848"));
    await waitFor(() => expect(errors[errors.length - 1]).toBeNull());
    expect(screen.queryByText(/Could not update/)).toBeNull();
    expect(input().value).toBe("1800021679848");
  });

  it("can drop the refused text for the form's value", async () => {
    const { form, raw } = fakeForm({ [FIELD]: "1800021679848" });
    raw.setFieldValue.mockResolvedValueOnce(false);
    render(<BoundMpanControl form={form} events={createFormEvents()} fieldName={FIELD} label="Test MPANs" />);
    await waitFor(() => expect(input().value).toBe("1800021679848"));
    fireEvent.change(input(), { target: { value: "1800021679843" } });
    await screen.findByText(/did not accept the new value/);
    fireEvent.click(screen.getByRole("button", { name: "Use the form's value" }));
    await waitFor(() => expect(input().value).toBe("1800021679848"));
    expect(screen.queryByText(/did not accept/)).toBeNull();
  });
});
