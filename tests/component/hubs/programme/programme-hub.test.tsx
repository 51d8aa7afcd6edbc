// The hub as a whole with its data source mocked: progress while loading, the filters from the
// address or remembered per user, filters written back, pivots, and a partial failure that says
// what is missing and loads it again on request.
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ProgrammeHub } from "../../../../src/contributions/hubs/programme/ProgrammeHub";
import { DAILY, dataSource, deferred, defects, fakeServices, points, TREND, withoutCanvas } from "./fixture";

withoutCanvas();

function dropdown(label: string): HTMLInputElement {
  return screen.getByRole("button", { name: label }) as HTMLInputElement;
}

async function choose(label: string, option: RegExp | string): Promise<void> {
  fireEvent.click(dropdown(label));
  fireEvent.click(await screen.findByRole("option", { name: option }));
}

function figure(container: HTMLElement | Document, name: string): string | null {
  return container.querySelector(`[data-figure="${name}"]`)?.textContent ?? null;
}

function stage(code: string): HTMLElement {
  return document.querySelector(`[data-stage="${code}"]`) as HTMLElement;
}

describe("programme hub", () => {
  it("shows each part's progress while loading, then the overview of every stage with data", async () => {
    const pointsLoad = deferred<typeof points>();
    const services = fakeServices({ source: dataSource({ testPoints: jest.fn(() => pointsLoad.promise) }) });
    render(<ProgrammeHub services={services} />);
    const progress = await screen.findByRole("region", { name: "Loading the programme" });
    await waitFor(() => expect(within(progress).getByRole("status").textContent).toMatch(/4 of 5 parts, 42 requests answered/));
    expect(progress.querySelector('[data-part="points"]')?.getAttribute("data-state")).toBe("loading");
    expect(progress.querySelector('[data-part="defects"]')?.textContent).toMatch(/4 read/);

    await act(async () => pointsLoad.resolve(points));
    await waitFor(() => expect(stage("SIT-FUNC")).not.toBeNull());
    expect(screen.queryByRole("region", { name: "Loading the programme" })).toBeNull();
    expect(Array.from(document.querySelectorAll("[data-stage]")).map((e) => e.getAttribute("data-stage"))).toEqual(["SIT-FUNC", "SIT-MIG", "QT"]);
    expect(figure(stage("SIT-FUNC"), "planned")).toBe("4");
    expect(document.querySelector('[data-loaded="true"]')).not.toBeNull();
  });

  it("opens with the filters in the address, over the ones remembered, and writes the whole view back", async () => {
    const services = fakeServices({ query: { stage: "QT", pivot: "defects" }, remembered: { stage: "SIT-FUNC", role: "LDSO", pivot: "environments" } });
    render(<ProgrammeHub services={services} />);
    await waitFor(() => expect(document.querySelector('[data-pivot="defects"]')).not.toBeNull());
    expect(dropdown("Stage").value).toMatch(/^QT/);
    expect(dropdown("Role").value).toBe("All roles");
    // The address named the filters, so it is left as it came; the view is what the user last saw.
    expect(services.written).toEqual([]);
    expect(services.remembered).toEqual([{ stage: "QT", pivot: "defects" }]);
    expect(figure(document, "open")).toBe("1");
  });

  it("opens with the user's remembered filters when the address names none", async () => {
    const services = fakeServices({ query: {}, remembered: { stage: "SIT-FUNC", role: "SUP", pivot: "overview" } });
    render(<ProgrammeHub services={services} />);
    await waitFor(() => expect(stage("SIT-FUNC")).not.toBeNull());
    expect(document.querySelectorAll("[data-stage]")).toHaveLength(1);
    expect(figure(stage("SIT-FUNC"), "planned")).toBe("3");
    expect(dropdown("Role").value).toMatch(/^SUP/);
    expect(services.written).toEqual([{ stage: "SIT-FUNC", cycle: "", role: "SUP", participant: "", path: "", pivot: "overview" }]);
  });

  it("changes the figures with a filter, writes it into the address and remembers it for the user", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const services = fakeServices();
      render(<ProgrammeHub services={services} />);
      await waitFor(() => expect(stage("SIT-FUNC")).not.toBeNull());
      expect(figure(stage("SIT-FUNC"), "planned")).toBe("4");

      await choose("Stage", /^SIT-FUNC/);
      await choose("Cycle", "C1");
      await waitFor(() => expect(figure(stage("SIT-FUNC"), "planned")).toBe("3"));
      expect(document.querySelectorAll("[data-stage]")).toHaveLength(1);
      expect(services.written[services.written.length - 1]).toEqual({ stage: "SIT-FUNC", cycle: "C1", role: "", participant: "", path: "", pivot: "overview" });
      expect(services.remembered).toEqual([]);
      await act(async () => {
        jest.advanceTimersByTime(1000);
      });
      expect(services.remembered[services.remembered.length - 1]).toEqual({ stage: "SIT-FUNC", cycle: "C1", pivot: "overview" });
      expect(services.source.dailyOutcomes).toHaveBeenLastCalledWith({ from: "2025-01-21", to: "2025-03-31", filter: { stage: "SIT-FUNC", cycle: "C1" } });

      fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
      await waitFor(() => expect(document.querySelectorAll("[data-stage]")).toHaveLength(3));
    } finally {
      jest.useRealTimers();
    }
  });

  it("narrows the participants to the path a readiness widget links with, and lets the user widen it", async () => {
    const services = fakeServices({ query: { stage: "", cycle: "", role: "", participant: "", path: "QT", pivot: "participants" } });
    render(<ProgrammeHub services={services} />);
    await waitFor(() => expect(document.querySelector('[data-pivot="participants"]')).not.toBeNull());
    expect(figure(document, "participants")).toBe("2");
    expect(dropdown("Path to migration").value).toBe("Qualification Testing path");
    await choose("Path to migration", "SIT and QT paths");
    await waitFor(() => expect(figure(document, "participants")).toBe("4"));
    expect(services.written[services.written.length - 1]).toEqual({ stage: "", cycle: "", role: "", participant: "", path: "", pivot: "participants" });
  });

  it("switches pivots from the tabs and keeps the pivot in the address", async () => {
    const services = fakeServices();
    render(<ProgrammeHub services={services} />);
    await waitFor(() => expect(stage("SIT-FUNC")).not.toBeNull());
    fireEvent.click(screen.getByRole("tab", { name: "Environments" }));
    await waitFor(() => expect(document.querySelector('[data-pivot="environments"]')).not.toBeNull());
    expect(services.written[services.written.length - 1].pivot).toBe("environments");
  });

  it("says what is missing when a part fails, shows what it can, and loads the part again on request", async () => {
    let fail = true;
    const source = dataSource({
      defects: jest.fn(async () => {
        if (fail) throw Object.assign(new Error("TF400898: An internal error occurred."), { status: 500 });
        return defects;
      }),
    });
    const services = fakeServices({ source, query: { pivot: "overview" } });
    render(<ProgrammeHub services={services} />);
    const missing = await screen.findByText(/Some of the programme could not be loaded/);
    expect(missing.closest(".mhhs-missing")?.querySelector('[data-missing="defects"]')?.textContent).toMatch(/Defects: TF400898: An internal error occurred/);
    expect(await screen.findByText(/Stage progress, defects and exit criteria cannot be shown: defects could not be loaded/)).toBeTruthy();
    expect(document.querySelector("[data-stage]")).toBeNull();

    // The traceability matrix does not need defects: it shows, and says the defect column is not loaded.
    fireEvent.click(screen.getByRole("tab", { name: "Traceability (RTTM)" }));
    await waitFor(() => expect(document.querySelector('[data-pivot="traceability"]')).not.toBeNull());
    expect(screen.getAllByText("not loaded").length).toBeGreaterThan(0);

    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Load defects again" }));
    await waitFor(() => expect(screen.queryByText(/Some of the programme could not be loaded/)).toBeNull());
    expect(screen.queryAllByText("not loaded")).toHaveLength(0);
    expect(source.defects).toHaveBeenCalledTimes(2);
  });

  it("shows the defect lines when outcomes over time fail, and asks for them again on request", async () => {
    let fail = true;
    const source = dataSource({
      dailyOutcomes: jest.fn(async () => {
        if (fail) throw new Error("Analytics answered 503");
        return TREND;
      }),
    });
    render(<ProgrammeHub services={fakeServices({ source })} />);
    expect(await screen.findByText(/Executed and passed over time could not be loaded \(Analytics answered 503\)/)).toBeTruthy();
    const table = screen.getByRole("table", { name: /defects opened and closed per day/ });
    expect(table.querySelectorAll("tbody tr")).toHaveLength(70);
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.queryByText(/could not be loaded \(Analytics answered 503\)/)).toBeNull());
    const last = screen.getByRole("table", { name: /defects opened and closed per day/ }).querySelector("tbody tr:last-child") as HTMLElement;
    expect(Array.from(last.children).map((c) => c.textContent)).toEqual(["2025-03-31", "4", "3", "0", "0"]);
    expect(source.dailyOutcomes).toHaveBeenCalledTimes(2);
  });

  it("says under the trend chart when the outcomes over time are taken from the points' latest results", async () => {
    const note = "Read without Analytics, this trend counts each test point from its latest result: not run until that day, then that outcome.";
    const source = dataSource({ kind: "rest", dailyOutcomes: jest.fn(async () => ({ days: DAILY, basis: "latestResult" as const, note })) });
    render(<ProgrammeHub services={fakeServices({ source })} />);
    const shown = await screen.findByRole("note");
    expect(shown.textContent).toBe(note);
    const chart = screen.getByRole("table", { name: /defects opened and closed per day/ });
    expect(chart.compareDocumentPosition(shown) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(shown.closest('[data-section="trend"]')).not.toBeNull();
  });

  it("shows no note when the outcomes over time are their history", async () => {
    render(<ProgrammeHub services={fakeServices()} />);
    await screen.findByRole("table", { name: /defects opened and closed per day/ });
    expect(screen.queryByRole("note")).toBeNull();
  });

  it("lists configuration problems and still works on the defaults when the configuration cannot be read", async () => {
    const services = fakeServices({ configuration: async () => Promise.reject(new Error("The extension data service is not available")) });
    render(<ProgrammeHub services={services} />);
    await waitFor(() => expect(stage("SIT-FUNC")).not.toBeNull());
    expect(document.querySelector('[data-missing="configuration"]')?.textContent).toMatch(/The extension data service is not available/);
    fireEvent.click(screen.getByRole("tab", { name: "Environments" }));
    expect(await screen.findByText(/The environments plan cannot be shown: programme configuration could not be loaded/)).toBeTruthy();
  });
});
