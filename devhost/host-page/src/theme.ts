// Theme variables handed to frames (as azure-devops-ui reads them) and applied to the shell.
export type ThemeName = "light" | "dark";

const LIGHT: Record<string, string> = {
  "background-color": "rgba(255, 255, 255, 1)",
  "background-color-rgb": "255, 255, 255",
  "text-primary-color": "rgba(0, 0, 0, .9)",
  "text-secondary-color": "rgba(0, 0, 0, .55)",
  "text-disabled-color": "rgba(0, 0, 0, .38)",
  "palette-primary": "0, 120, 212",
  "palette-primary-rgb": "0, 120, 212",
  "palette-neutral-2": "248, 248, 248",
  "palette-neutral-4": "244, 244, 244",
  "palette-neutral-8": "234, 234, 234",
  "palette-neutral-10": "218, 218, 218",
  "palette-neutral-20": "200, 200, 200",
  "palette-neutral-100": "0, 0, 0",
  "callout-background-color": "rgba(255, 255, 255, 1)",
  "component-label-default-color": "rgba(0, 0, 0, .55)",
  "component-errorBoundary-border-color": "rgba(205, 74, 69, 1)",
  "status-error-foreground": "rgba(205, 74, 69, 1)",
  "status-error-background": "rgba(250, 235, 235, 1)",
  "status-success-foreground": "rgba(16, 124, 16, 1)",
  "status-warning-foreground": "rgba(179, 107, 0, 1)",
  "status-warning-background": "rgba(251, 242, 236, 1)",
  "status-info-foreground": "rgba(0, 120, 212, 1)",
  "focus-border-color": "rgba(0, 120, 212, 1)",
  "border-subtle-color": "rgba(0, 0, 0, .08)",
};

const DARK: Record<string, string> = {
  "background-color": "rgba(30, 30, 30, 1)",
  "background-color-rgb": "30, 30, 30",
  "text-primary-color": "rgba(255, 255, 255, .9)",
  "text-secondary-color": "rgba(255, 255, 255, .6)",
  "text-disabled-color": "rgba(255, 255, 255, .38)",
  "palette-primary": "40, 150, 230",
  "palette-primary-rgb": "40, 150, 230",
  "palette-neutral-2": "40, 40, 40",
  "palette-neutral-4": "45, 45, 45",
  "palette-neutral-8": "60, 60, 60",
  "palette-neutral-10": "70, 70, 70",
  "palette-neutral-20": "90, 90, 90",
  "palette-neutral-100": "255, 255, 255",
  "callout-background-color": "rgba(37, 37, 37, 1)",
  "component-label-default-color": "rgba(255, 255, 255, .6)",
  "component-errorBoundary-border-color": "rgba(241, 112, 123, 1)",
  "status-error-foreground": "rgba(241, 112, 123, 1)",
  "status-error-background": "rgba(68, 39, 38, 1)",
  "status-success-foreground": "rgba(84, 176, 84, 1)",
  "status-warning-foreground": "rgba(230, 170, 80, 1)",
  "status-warning-background": "rgba(67, 53, 25, 1)",
  "status-info-foreground": "rgba(80, 170, 240, 1)",
  "focus-border-color": "rgba(40, 150, 230, 1)",
  "border-subtle-color": "rgba(255, 255, 255, .1)",
};

export function themeVariables(name: ThemeName): Record<string, string> {
  return { ...(name === "dark" ? DARK : LIGHT) };
}

export function applyThemeToShell(name: ThemeName): void {
  const vars = themeVariables(name);
  const root = document.documentElement;
  for (const [key, value] of Object.entries(vars)) root.style.setProperty(`--${key}`, value);
  root.dataset.theme = name;
}
