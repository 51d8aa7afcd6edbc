import * as React from "react";
import { act, render, screen } from "@testing-library/react";
import { BarChart, describeBars, toneColour } from "../../../src/ui/charts/BarChart";
import { RagBadge } from "../../../src/ui/RagBadge";
import { withoutCanvas } from "./fakeWidgetData";

describe("BarChart", () => {
  beforeAll(withoutCanvas);

  const props = {
    title: "Execution by role",
    categories: ["SUP", "LDSO"],
    series: [
      { label: "Executed %", values: [80, 100] },
      { label: "Pass rate %", values: [75, 50], tone: "good" as const },
    ],
    formatValue: (v: number) => `${v}%`,
    height: 120,
  };

  it("gives the canvas an accessible summary and a visually hidden table of every value", () => {
    const { container } = render(<BarChart {...props} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe("Execution by role. SUP: Executed % 80%, Pass rate % 75%; LDSO: Executed % 100%, Pass rate % 50%.");
    const table = container.querySelector("table.mhhs-visually-hidden") as HTMLTableElement;
    expect(table.querySelector("caption")?.textContent).toBe("Execution by role");
    expect([...table.querySelectorAll("tr")].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ["Category", "Executed %", "Pass rate %"],
      ["SUP", "80%", "75%"],
      ["LDSO", "100%", "50%"],
    ]);
    expect((container.querySelector(".mhhs-bar-chart-canvas") as HTMLElement).style.height).toBe("120px");
    expect(describeBars({ ...props, categories: [] })).toBe("Execution by role: no data.");
  });

  it("reads its colours from the theme and draws again when the host applies a theme", () => {
    document.documentElement.style.setProperty("--status-success-foreground", "rgba(84, 176, 84, 1)");
    expect(toneColour("good")).toBe("rgba(84, 176, 84, 1)");
    expect(toneColour("bad")).toBe("rgba(205, 74, 69, 1)");
    const { container } = render(<BarChart {...props} />);
    const chart = container.querySelector(".mhhs-bar-chart") as HTMLElement;
    expect(chart.dataset.themeVersion).toBe("0");
    act(() => {
      window.dispatchEvent(new CustomEvent("themeApplied", { detail: {} }));
    });
    expect(chart.dataset.themeVersion).toBe("1");
    document.documentElement.style.removeProperty("--status-success-foreground");
  });
});

describe("RagBadge", () => {
  it("writes the RAG beside its colour, and says it to screen readers with the detail", () => {
    const { container } = render(
      <>
        <RagBadge rag="green" />
        <RagBadge rag="amber" label="3 amber" />
        <RagBadge rag="red" detail="pass rate 80%" />
        <RagBadge rag="noData" label="n/a" />
      </>,
    );
    expect(screen.getAllByRole("img").map((b) => b.getAttribute("aria-label"))).toEqual(["Green", "Amber: 3 amber", "Red, pass rate 80%", "No data: n/a"]);
    expect([...container.querySelectorAll(".mhhs-rag")].map((b) => b.textContent)).toEqual(["Green", "3 amber", "Red", "n/a"]);
    expect(container.querySelector(".mhhs-rag-red")?.getAttribute("data-rag")).toBe("red");
  });
});
