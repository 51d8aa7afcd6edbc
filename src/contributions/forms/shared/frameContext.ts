import * as React from "react";

/** Lets a control that opens a popup (a dropdown list) ask the frame for room below it. */
export interface FrameSpace {
  popupOpened(): void;
  popupClosed(): void;
}

export const FrameContext = React.createContext<FrameSpace>({ popupOpened: () => undefined, popupClosed: () => undefined });
