// What vega draws for a vega-lite spec, rendered in Node without a canvas: the published chart specs (data by URL)
// are checked against the inline ones by comparing these lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every bar, text, line and area point with its place and colour, sorted (a layered spec groups the same marks
 * differently), the spec's data URLs read from `dir` (as the browser resolves them from the page).
 */
export async function draw(spec: unknown, dir: string): Promise<string[]> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const loader = vega.loader();
  loader.load = async (uri: string) => readFileSync(join(dir, uri), 'utf8');
  const view = new vega.View(vega.parse(vl.compile(spec as never).spec), { renderer: 'none', loader });
  await view.runAsync();
  const out: string[] = [];
  const visit = (node: { marktype?: string; items?: unknown[] }, dx: number, dy: number) => {
    for (const item of (node.items ?? []) as Record<string, unknown>[]) {
      const x = dx + ((item.x as number) ?? 0);
      const y = dy + ((item.y as number) ?? 0);
      const r = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : String(v));
      if (node.marktype === 'rect' && item.fill !== 'transparent') {
        out.push(`rect ${r(x)} ${r(y)} ${r(item.width)} ${r(item.height)} ${item.fill}`);
      }
      if (node.marktype === 'text') out.push(`text ${r(x)} ${r(y)} ${item.text}`);
      if (node.marktype === 'line') out.push(`line ${r(x)} ${r(y)} ${item.stroke}`);
      if (node.marktype === 'area') out.push(`area ${r(x)} ${r(y)} ${r(dy + (item.y2 as number))} ${item.fill}`);
      if (node.marktype === 'group') visit(item as never, x, y);
      else if (item.items) visit(item as never, dx, dy);
    }
  };
  visit((view.scenegraph() as unknown as { root: never }).root, 0, 0);
  view.finalize();
  return out.sort();
}
