// Server-side rendering of the Vega-Lite specs to SVG (so pages read with JavaScript off). vega and vega-lite are
// ESM with top-level await: reached only through dynamic import() so require(dist/*.js) works.
import type { VlSpec } from './charts.js';

type VegaView = {
  data(name: string, values: unknown[]): VegaView;
  runAsync(): Promise<VegaView>;
  resize(): VegaView;
  toSVG(): Promise<string>;
  finalize(): void;
};

/** Anything that turns a spec into SVG. */
export interface SvgRenderer {
  /** `idPrefix` makes the SVG's internal ids (clip paths) unique among the charts of one page. */
  svg(spec: VlSpec, idPrefix: string): Promise<string>;
  /** Several charts (one page's) at once, in this order. */
  svgs(charts: readonly ChartRequest[]): Promise<string[]>;
  close(): void | Promise<void>;
}

interface ChartRequest {
  spec: VlSpec;
  idPrefix: string;
}

/**
 * vega numbers clip paths with a process-wide counter; renumbering them per chart makes the SVG a function of the
 * spec alone and keeps ids unique when several charts share a page.
 */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\b(?:clip\d+|(?:p_)?gradient_\d+)\b/g, (m) => {
    let id = ids.get(m);
    if (!id) {
      id = `${prefix}-${ids.size + 1}`;
      ids.set(m, id);
    }
    return id;
  });
}

type VegaLibs = [typeof import('vega'), typeof import('vega-lite')];

/** A spec without its data: charts of one shape share a compiled, parsed vega view. */
function shapeOf(spec: VlSpec): string {
  const { values, ...dataRest } = spec.data;
  return JSON.stringify({ ...spec, data: dataRest });
}

/**
 * Renders specs to SVG in this thread. Compiling and parsing a spec costs ~10 ms of CPU; swapping the data of an
 * already-built view ~2.5 ms, so views are kept per spec shape (the spec without its data) and reused. Each render
 * first empties the view: otherwise vega keeps surviving axis items in their old order and the bytes of a chart
 * would depend on the chart drawn before it; and each render asks for a new layout (resize), else a fixed-size view
 * keeps the size and origin of the first chart it drew and clips wider axis labels.
 */
export class ChartRenderer implements SvgRenderer {
  private readonly views = new Map<string, VegaView>();
  private libs?: Promise<VegaLibs>;
  private queue: Promise<unknown> = Promise.resolve();

  /** Starts loading vega (~0.4 s of CPU) before the first chart is asked for. */
  warm(): Promise<VegaLibs> {
    this.libs ??= Promise.all([import('vega'), import('vega-lite')]);
    return this.libs;
  }

  svg(spec: VlSpec, idPrefix: string): Promise<string> {
    // One view serves one render at a time.
    const next = this.queue.then(() => this.render(spec, idPrefix, shapeOf(spec)));
    this.queue = next.catch(() => {});
    return next;
  }

  svgs(charts: readonly ChartRequest[]): Promise<string[]> {
    return Promise.all(charts.map((c) => this.svg(c.spec, c.idPrefix)));
  }

  private async render(spec: VlSpec, idPrefix: string, shape: string): Promise<string> {
    const { values, ...dataRest } = spec.data;
    let view = this.views.get(shape);
    if (!view) {
      const [vega, vl] = await this.warm();
      const compiled = vl.compile({ ...spec, data: dataRest } as never).spec;
      view = new vega.View(vega.parse(compiled), { renderer: 'none' }) as unknown as VegaView;
      this.views.set(shape, view);
    } else {
      view.data(spec.data.name, []);
      await view.runAsync();
    }
    // Without resize() a reused view keeps the layout of the first chart it drew: wider axis labels were clipped.
    view.data(spec.data.name, structuredClone(values)).resize();
    await view.runAsync();
    return renumberIds(await view.toSVG(), idPrefix);
  }

  close(): void {
    for (const v of this.views.values()) v.finalize();
    this.views.clear();
  }
}
