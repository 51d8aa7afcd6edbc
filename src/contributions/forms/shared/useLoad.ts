import * as React from "react";
import { failureMessage } from "../../../ado/errors";

export type LoadState<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "loaded"; data: T }
  | { status: "failed"; error: string };

/**
 * Runs `load` when `key` changes (undefined `load` = nothing to load) and keeps only the answer
 * to the latest request, so a slow earlier answer never replaces a newer one.
 */
export function useLoad<T>(load: (() => Promise<T>) | undefined, key: string): LoadState<T> & { retry(): void } {
  const [state, setState] = React.useState<LoadState<T>>(load ? { status: "loading" } : { status: "idle" });
  const [attempt, setAttempt] = React.useState(0);
  const latest = React.useRef(0);
  const loader = React.useRef(load);
  loader.current = load;

  React.useEffect(() => {
    const run = loader.current;
    const request = ++latest.current;
    if (!run) {
      setState({ status: "idle" });
      return;
    }
    setState({ status: "loading" });
    run().then(
      (data) => {
        if (request === latest.current) setState({ status: "loaded", data });
      },
      (error) => {
        if (request === latest.current) setState({ status: "failed", error: failureMessage(error) });
      },
    );
  }, [key, attempt]);

  const retry = React.useCallback(() => setAttempt((n) => n + 1), []);
  return React.useMemo(() => ({ ...state, retry }), [state, retry]);
}
