// The Work-off Plan field is HTML. The group edits it as plain text: stored HTML is shown as its
// text, typed text is stored as escaped HTML with <br> line breaks. Text -> HTML -> text gives the
// same text back, so typing is never disturbed; formatting made elsewhere is kept until edited here.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): string {
  if (html.indexOf("<") < 0 && html.indexOf("&") < 0) return html;
  const endsWithBlock = /<\/(p|div|li|h[1-6])>\s*$/i.test(html);
  const text = decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|li|h[1-6])>/gi, "\n")
      .replace(/<[^>]*>/g, ""),
  );
  return endsWithBlock ? text.replace(/\n$/, "") : text;
}

export function textToHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "<br>");
}
