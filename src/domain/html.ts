// The one HTML escaper (text and attribute values) of every page, SVG and notebook output. Its characters and their
// spellings are those of handlebars' escapeExpression, which the templates' `{{…}}` call: test/html.test.ts renders a
// template over every ASCII character and hostile strings and compares, so a page is escaped one way throughout.
// `=` and `` ` `` are escaped too (handlebars does, for attribute values a template might leave unquoted).

const NAMED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
const SPECIAL = /[&<>"'`=]/g;

/**
 * Escapes ``& < > " ' ` =``. `named` (the site: pages and SVG) spells them as the templates do; `numeric` writes
 * `&#60;`, which notebook outputs have always used (their HTML is kept in users' notebooks and pinned by tests): the
 * same characters, two spellings.
 */
export function escapeHtml(value: string, style: 'named' | 'numeric' = 'named'): string {
  return value.replace(SPECIAL, style === 'named' ? (c) => NAMED[c] as string : (c) => `&#${c.charCodeAt(0)};`);
}
