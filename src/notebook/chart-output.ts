// A chart as one notebook output: the interactive vega-lite spec (JupyterLab) and the same chart as inline SVG
// (nbconvert, GitHub, classic Notebook), with a plain-text stand-in.
import { renderSvg, type VegaLiteSpec } from './charts.js';
import { escapeHtml, type MimeBundle, VEGALITE_MIME } from './display.js';

/** The output of `chart()`: `note` is a built-in chart's description, shown under it. */
export async function chartBundle(spec: VegaLiteSpec, title: string, note?: string): Promise<MimeBundle> {
  const svg = await renderSvg(spec);
  // A spec with its own title draws it in the SVG: a caption too would show it twice.
  const caption = spec.title === undefined ? `<figcaption><strong>${escapeHtml(title)}</strong></figcaption>` : '';
  const described = note === undefined ? '' : `<p class="ql-note">${escapeHtml(note)}</p>`;
  return {
    // JupyterLab's renderer bundles vega-lite 5; the specs use nothing newer.
    [VEGALITE_MIME]: { ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' },
    'text/html': `<figure class="ql-chart">${caption}${svg}${described}</figure>`,
    'text/plain': `[chart: ${title}]`,
  };
}
