// A quest page's segment breakdowns as HTML, written here rather than by a template looping over them: at 5,000
// quests the template's `each` over ~17 rows a quest, with a helper call per cell, was 11% of rendering a page
// (issue 16 NOTES, round 9). Escaped as the templates escape (domain/html.ts).
import { formatDuration, formatInt, formatPercent, formatRateInterval } from '../domain/format.js';
import { escapeHtml as esc } from '../domain/html.js';
import type { Breakdown, BreakdownRow } from './segment-pages.js';

const HEAD =
  '<th scope="col" class="n">Players</th><th scope="col" class="n">Met it</th>' +
  '<th scope="col" class="n">Completed</th><th scope="col" class="n">Conversion</th>' +
  '<th scope="col" class="n">95% interval</th><th scope="col" class="n">Completion rate</th>' +
  '<th scope="col" class="n">Median time</th><th scope="col">Clearly different</th></tr></thead>\n';

/** Every breakdown of a quest page, one section each. */
export function breakdownsHtml(breakdowns: readonly Breakdown[], minPlayers: number): string {
  let out = '';
  for (const b of breakdowns) out += breakdownHtml(b, minPlayers);
  return out;
}

function breakdownHtml(b: Breakdown, minPlayers: number): string {
  const dim = esc(b.dimension);
  let out =
    `<section class="breakdown" aria-labelledby="seg-${dim}-title">\n` + `  <h3 id="seg-${dim}-title">By ${dim}</h3>\n`;
  if (b.hasBars) {
    out +=
      `  <svg class="ranges" viewBox="0 0 100 ${b.height}" preserveAspectRatio="none" role="img" ` +
      `aria-label="Conversion by ${dim} (completed / players who met the quest) with 95% intervals" focusable="false">\n    `;
    // The intervals, then the points, each kind in a group styled by the stylesheet (a row's interval and point never
    // reach another row's, so the order they are painted in does not show).
    let [ranges, points] = ['', ''];
    for (const { bar } of b.rows) {
      if (!bar) continue;
      ranges += `<path d="M${bar.x1},${bar.y}H${bar.x2}"/>`;
      points += `<circle cx="${bar.cx}" cy="${bar.y}" r="1.6"/>`;
    }
    out += `<g class="range">${ranges}</g><g class="point">${points}</g>\n  </svg>\n`;
    // The SVG is stretched to its box (no text can live in it undistorted): its scale is written under it.
    out += '  <p class="scale" aria-hidden="true"><span>0%</span><span>50%</span><span>100%</span></p>\n';
  }
  out += `  <div class="table-wrap">\n  <table class="data">\n    <thead><tr><th scope="col">${dim}</th>${HEAD}    <tbody>\n`;
  for (const r of b.rows) out += rowHtml(r, minPlayers);
  return `${out}</tbody>\n  </table>\n  </div>\n</section>\n`;
}

// A row without line break or end tags (the next cell, row or `</tbody>` closes it, as report.ts's dataTable), its cells
// without a class: the stylesheet aligns every cell of a breakdown but the last to the right, as the class "n" did (a
// quest page has ~18 rows of 8 cells; their indentation and classes were ~2.5 KB, their end tags ~1 KB).
function rowHtml({ value, row, above, below }: BreakdownRow, minPlayers: number): string {
  const head = `<tr><th scope="row">${esc(value)}`;
  if (row.suppressed) return `${head}<td colspan="7">suppressed (fewer than ${esc(String(minPlayers))} players)<td>`;
  const time = row.times_suppressed ? 'suppressed' : formatDuration(row.median_seconds);
  const diff =
    above.map((v) => `above ${esc(v)}`).join(', ') +
    (above.length > 0 && below.length > 0 ? '; ' : '') +
    below.map((v) => `below ${esc(v)}`).join(', ');
  return (
    `${head}<td>${formatInt(row.players)}<td>${formatInt(row.encountered)}` +
    `<td>${formatInt(row.completed)}<td>${formatPercent(row.conversion_rate)}` +
    `<td>${formatRateInterval(row.conversion_rate_low, row.conversion_rate_high)}` +
    `<td>${formatPercent(row.completion_rate)}<td>${time}<td>${diff}`
  );
}
