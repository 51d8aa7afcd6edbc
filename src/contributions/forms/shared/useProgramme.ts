import * as React from "react";
import { defaultProgrammeContext, ProgrammeContext } from "./programme";
import { LoadState, useLoad } from "./useLoad";

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The programme configuration a group checks against: while it loads or when it cannot be read,
 * the built-in lists (so the form still works and says why checks are limited).
 */
export function useProgramme<T extends Partial<ProgrammeContext> & { problems: string[] }>(
  load: () => Promise<T>,
): { state: LoadState<T> & { retry(): void }; context: T & ProgrammeContext } {
  const state = useLoad(load, "programme");
  const context = React.useMemo(() => {
    const fallback = defaultProgrammeContext(todayIso());
    return (state.status === "loaded" ? { ...fallback, ...state.data } : fallback) as T & ProgrammeContext;
  }, [state]);
  return { state, context };
}
