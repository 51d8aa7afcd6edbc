import * as React from "react";
import DOMPurify from "dompurify";

// Rich text fields (work-off plans, repro steps) may hold any HTML a user pasted: only formatting
// survives, no scripts, handlers, forms, frames or styles.
const ALLOWED = {
  ALLOWED_TAGS: ["p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"],
  ALLOWED_ATTR: ["href", "title"],
  ALLOW_DATA_ATTR: false,
};

/** The HTML with only formatting kept; links open in a new tab without access to this page. */
export function sanitiseHtml(html: string): string {
  const clean = DOMPurify.sanitize(html, { ...ALLOWED, RETURN_TRUSTED_TYPE: false }) as string;
  return clean.replace(/<a /g, '<a target="_blank" rel="noopener noreferrer" ');
}

/** Rich text from Azure DevOps, sanitised by DOMPurify before it reaches the page. */
export function SafeHtml(props: { html: string; className?: string }): JSX.Element {
  const clean = React.useMemo(() => sanitiseHtml(props.html), [props.html]);
  return <div className={props.className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
