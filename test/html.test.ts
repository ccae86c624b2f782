// The one HTML escaper (src/domain/html.ts) is the templates' escaping: a handlebars template's `{{…}}`, in text and
// in an attribute, and a helper's escaped result, write exactly what escapeHtml writes, over every ASCII character
// and hostile strings. Notebook outputs spell the same characters as numeric references.
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/domain/html.js';

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const HOSTILE = [
  ASCII.join(''),
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
  '<img src=x onerror=alert(1)>',
  '`{{x}}`',
  'a=b&c=d',
  '&amp; &#x27; &lt;',
  '</title><desc>',
  'Fetch <the> Herbs — naïve € 😀',
  '\ud800 lone surrogate \u2028\u2029',
  '',
];

/** Deterministic strings dense in the escaped characters. */
function randomStrings(count: number): string[] {
  const alphabet = `&<>"'\`=ab /;#x\u00e9`;
  let seed = 7;
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 24; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += alphabet[seed % alphabet.length];
    }
    return s;
  });
}

describe('escapeHtml', () => {
  const hb = Handlebars.create();
  hb.registerHelper('same', (v: string) => v);
  const template = hb.compile('<p title="{{v}}">{{v}}</p><i>{{same v}}</i>', { strict: true });

  it('is the templates’ escaping of every ASCII character and hostile strings', () => {
    for (const v of [...ASCII, ...HOSTILE, ...randomStrings(200)]) {
      const e = escapeHtml(v);
      expect(template({ v }), JSON.stringify(v)).toBe(`<p title="${e}">${e}</p><i>${e}</i>`);
    }
  });

  it('escapes the seven characters and leaves the rest of ASCII', () => {
    expect(ASCII.filter((c) => escapeHtml(c) !== c)).toEqual(['"', '&', "'", '<', '=', '>', '`']);
    expect(escapeHtml('<a href="x">O\'Neil & `co`</a>')).toBe(
      '&lt;a href&#x3D;&quot;x&quot;&gt;O&#x27;Neil &amp; &#x60;co&#x60;&lt;/a&gt;',
    );
  });

  it('spells the same characters as numeric references for notebooks', () => {
    for (const c of ASCII) {
      expect(escapeHtml(c, 'numeric')).toBe(escapeHtml(c) === c ? c : `&#${c.charCodeAt(0)};`);
    }
    expect(escapeHtml('<img src=x>', 'numeric')).toBe('&#60;img src&#61;x&#62;');
  });
});
