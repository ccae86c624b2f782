// The one HTML escaper (text and attribute values). The handlebars templates escape with handlebars' own rule, and
// the report's chart labels use that one too, so a page is escaped one way throughout.

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `& < > " '`. `named` (the site's SVG) writes `&lt;`; `numeric` writes `&#60;`, which notebook outputs have
 * always used (their HTML is pinned by tests and read by nbconvert): the same characters, two spellings.
 */
export function escapeHtml(value: string, style: 'named' | 'numeric' = 'named'): string {
  return value.replace(/[&<>"']/g, (c) => (style === 'named' ? (NAMED[c] as string) : `&#${c.charCodeAt(0)};`));
}
