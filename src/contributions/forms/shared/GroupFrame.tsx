import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { LoadFailure, Loading } from "../../../ui/LoadStatus";
import "../../../ui/mhhs.css";
import { GeneralNotices } from "./FieldRows";
import { FrameContext, FrameSpace } from "./frameContext";
import type { BoundForm } from "./useFormBinding";
import type { LoadState } from "./useLoad";

export interface GroupFrameProps {
  /** The group's name, for screen readers and the loading message. */
  label: string;
  bound: BoundForm;
  /** The programme configuration the group checks against. */
  programme: LoadState<{ problems: string[] }> & { retry(): void };
  /** Called after every change of size, so the host can fit the frame to the content. */
  onResize?: () => void;
  children: React.ReactNode;
}

// Room for an open dropdown list below the last field: the frame is only as tall as its content.
const POPUP_ROOM_PX = 260;
const PROBLEMS_SHOWN = 3;

/** The frame of a form group: loading and failure states, notices, and fitting the host frame to the content. */
export function GroupFrame(props: GroupFrameProps): JSX.Element {
  const { bound, programme, onResize } = props;
  const root = React.useRef<HTMLDivElement>(null);
  const [openPopups, setOpenPopups] = React.useState(0);
  const space = React.useMemo<FrameSpace>(
    () => ({ popupOpened: () => setOpenPopups((n) => n + 1), popupClosed: () => setOpenPopups((n) => Math.max(0, n - 1)) }),
    [],
  );

  React.useEffect(() => {
    onResize?.();
  });

  React.useEffect(() => {
    const element = root.current;
    if (!onResize || !element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => onResize());
    observer.observe(element);
    return () => observer.disconnect();
  }, [onResize]);

  let body: React.ReactNode;
  if (bound.status === "loading") body = <Loading label={`Loading ${props.label}…`} />;
  else {
    const configurationProblems = programme.status === "loaded" ? programme.data.problems : [];
    body = (
      <>
        {programme.status === "failed" ? (
          <LoadFailure
            message={`The programme configuration could not be loaded (${programme.error}). Values are checked against the built-in lists until it loads.`}
            onRetry={programme.retry}
          />
        ) : null}
        {configurationProblems.length > 0 ? (
          <MessageCard className="mhhs-message" severity={MessageCardSeverity.Warning}>
            {`The programme configuration has problems: ${configurationProblems.slice(0, PROBLEMS_SHOWN).join("; ")}${
              configurationProblems.length > PROBLEMS_SHOWN ? ` (and ${configurationProblems.length - PROBLEMS_SHOWN} more)` : ""
            }. An administrator can correct it in the MHHS admin hub.`}
          </MessageCard>
        ) : null}
        {bound.readOnly ? <div className="mhhs-summary">This work item is read-only.</div> : null}
        <GeneralNotices bound={bound} />
        {programme.status === "loading" ? <Loading label="Loading the programme configuration…" /> : props.children}
      </>
    );
  }

  return (
    <FrameContext.Provider value={space}>
      <div
        ref={root}
        className="mhhs-group flex-column"
        role="group"
        aria-label={props.label}
        style={openPopups > 0 ? { paddingBottom: POPUP_ROOM_PX } : undefined}
      >
        {body}
      </div>
    </FrameContext.Provider>
  );
}
