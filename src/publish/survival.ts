// Survival times as published: the figures beside the completer-only ones, and the quest page's curve (a Vega-Lite
// spec for the browser, and a static drawing so the page reads with JavaScript off).
import type { SurvivalPoint } from '../domain/types.js';
import { base, type Chart } from './charts.js';
import { round } from './json.js';
import { bottomLinear, frame, leftLinear, line, linearAxis, n, PAD } from './svg-axes.js';

const minutes = (s: number) => Math.round((s / 60) * 100) / 100;

/** The curve as a step line from (0, 100%) with its 95% band; minutes on x, percent not yet completed on y. */
export function survivalChart(points: readonly SurvivalPoint[]): Chart {
  const values = [{ high: 100, low: 100, minutes: 0, surviving: 100 }].concat(
    points.map((p) => ({
      high: round(p.surviving_high * 100, 2) as number,
      low: round(p.surviving_low * 100, 2) as number,
      minutes: minutes(p.seconds),
      surviving: round(p.surviving * 100, 2) as number,
    })),
  );
  const description =
    'Share of attempts not yet completed after each time (Kaplan–Meier, from the latest acceptance; attempts still ' +
    'in progress, abandoned or failed count until they stop), with its 95% band.';
  const x = { field: 'minutes', type: 'quantitative', title: 'Minutes since acceptance' };
  return {
    key: 'survival',
    title: 'Time to complete (survival curve)',
    description,
    spec: {
      ...base(description, 480),
      height: 180,
      data: { name: 'table', values },
      layer: [
        {
          mark: { type: 'area', interpolate: 'step-after', color: '#bee3f8', opacity: 0.7 },
          encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          mark: { type: 'line', interpolate: 'step-after', color: '#2b6cb0', tooltip: true },
          encoding: {
            x,
            y: {
              field: 'surviving',
              type: 'quantitative',
              title: '% not yet completed',
              scale: { domain: [0, 100] },
            },
          },
        },
      ],
    },
    table: {
      columns: ['Minutes', '% not yet completed', '95% low', '95% high'],
      rows: values.map((v) => [v.minutes, v.surviving, v.low, v.high]),
    },
  };
}

// Every quest's curve has the same y axis, and most share their x axis with many others (a nice domain: 0 to 20, 40,
// 50, ... minutes): each is drawn once per publish, not once per quest page.
const Y_AXIS = linearAxis(0, 100, 180, { nice: true, count: false });
const LEFT = leftLinear(Y_AXIS, 480, 180, '% not yet completed');
const bottomAxes = new Map<number, string>();
const bottomAxis = (axis: ReturnType<typeof linearAxis>) => {
  let svg = bottomAxes.get(axis.hi);
  if (svg === undefined) {
    svg = bottomLinear(axis, 480, 180, 'Minutes since acceptance');
    bottomAxes.set(axis.hi, svg);
  }
  return svg;
};

/** The static drawing of survivalChart: a 480 x 180 step line over its band. */
export function survivalSvg(values: readonly Record<string, unknown>[]): string {
  const [w, h] = [480, 180];
  const pts = values.map((v) => ({
    x: Number(v.minutes) || 0,
    s: Number(v.surviving) || 0,
    lo: Number(v.low) || 0,
    hi: Number(v.high) || 0,
  }));
  let longest = 0;
  for (const p of pts) if (p.x > longest) longest = p.x;
  const xAxis = linearAxis(0, longest, w, { nice: true, count: false });
  const x = (v: number) => ((v - xAxis.lo) / (xAxis.hi - xAxis.lo)) * w;
  const y = (v: number) => h - (v / Y_AXIS.hi) * h;
  const step = (key: 's' | 'lo' | 'hi') =>
    pts.map((p, i) => `${i === 0 ? 'M' : `H${n(x(p.x))}V`}${i === 0 ? `${n(x(p.x))},${n(y(p[key]))}` : n(y(p[key]))}`);
  const end = `H${n(x(xAxis.hi))}`;
  const out = [LEFT.svg, bottomAxis(xAxis)];
  if (pts.length > 0) {
    // Back along the lower edge, right to left: each point's value holds from its time to the next point's.
    const back = [...pts].reverse().map((p) => `V${n(y(p.lo))}H${n(x(p.x))}`);
    out.push(`<path d="${step('hi').join('')}${end}${back.join('')}Z" fill="#bee3f8" opacity="0.7"/>`);
    out.push(`<path d="${step('s').join('')}${end}" fill="none" stroke="#2b6cb0" stroke-width="2"/>`);
  }
  out.push(line(0, h, w, h, '#a0aec0'));
  return frame(PAD + LEFT.extent + w + 1 + PAD, PAD + 6 + h + 33 + PAD, PAD + LEFT.extent, PAD + 6, out.join(''));
}
