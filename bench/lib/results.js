// From raw runs to the published figures: medians, ranges, ratios, the targets table and the markdown page.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One row per (contender, format): median and range of wall time, median phases, peak memory. */
export function summarize(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.contender}|${r.format}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()].map((rs) => {
    const phases = {};
    for (const name of Object.keys(rs[0].phases)) phases[name] = median(rs.map((r) => r.phases[name] ?? 0));
    const walls = rs.map((r) => r.wallMs);
    return {
      contender: rs[0].contender,
      format: rs[0].format,
      reps: rs.length,
      median_ms: median(walls),
      min_ms: Math.min(...walls),
      max_ms: Math.max(...walls),
      phases,
      peak_rss_mb: Math.round(Math.max(...rs.map((r) => r.maxRssKB)) / 1024),
      ...(rs[0].quests === undefined ? {} : { quests: rs[0].quests }),
    };
  });
}

/** What questlog spends making its outputs for readers (site, notebooks' read copy), which no other contender does. */
const published = (r) => (r.phases.publish ?? 0) + (r.phases.readcopy ?? 0);
const find = (rows, contender, format) => rows.find((r) => r.contender === contender && r.format === format);
const ratio = (a, b) => (a && b ? a / b : null);

/** The ratios the issue asks for, from one size's summary rows. */
export function ratios(rows, dataset) {
  const out = {};
  for (const r of rows.filter((x) => x.contender === 'questlog')) {
    const floor = find(rows, 'floor', r.format);
    if (floor) {
      out[`questlog/floor ${r.format}`] = ratio(r.median_ms, floor.median_ms);
      // The floor does not publish: the same comparison without questlog's publish and read-copy phases.
      out[`questlog-without-publish/floor ${r.format}`] = ratio(r.median_ms - published(r), floor.median_ms);
    }
  }
  for (const r of rows.filter((x) => x.contender === 'questlog')) {
    // The engine's one-shot query publishes nothing and stores nothing: compare questlog without its publish phases.
    const limit = find(rows, 'limit', r.format);
    if (limit) out[`questlog-without-publish/limit ${r.format}`] = ratio(r.median_ms - published(r), limit.median_ms);
  }
  const q = find(rows, 'questlog', 'ndjson');
  const sqlite = find(rows, 'sqlite', 'ndjson');
  const pandas = find(rows, 'pandas', 'ndjson');
  // The alternatives publish nothing either: their ratios also without questlog's publish and read-copy phases.
  const compute = q && q.median_ms - published(q);
  if (q && sqlite) {
    out['sqlite/questlog ndjson'] = ratio(sqlite.median_ms, q.median_ms);
    out['sqlite/questlog-without-publish ndjson'] = ratio(sqlite.median_ms, compute);
  }
  if (q && pandas) {
    out['pandas/questlog ndjson'] = ratio(pandas.median_ms, q.median_ms);
    out['pandas/questlog-without-publish ndjson'] = ratio(pandas.median_ms, compute);
    out['questlog/pandas peak memory'] = ratio(q.peak_rss_mb, pandas.peak_rss_mb);
  }
  if (q?.phases.ingest) out['questlog ndjson ingest MB/s'] = dataset.ndjsonBytes / 1e6 / (q.phases.ingest / 1000);
  const f = find(rows, 'floor', 'ndjson');
  if (f?.phases.ingest) out['floor ndjson ingest MB/s'] = dataset.ndjsonBytes / 1e6 / (f.phases.ingest / 1000);
  const d = find(rows, 'direct', 'ndjson');
  if (q?.phases.ingest && d?.phases.ingest) {
    // Ingest until the events are in the database file: direct's insert under DuckDB's defaults left most of its
    // storage work to the next checkpoint, which the ingest phase alone did not see (NOTES.md, issue 13, round 10).
    const stored = (r) => r.phases.ingest + (r.phases.checkpoint ?? 0);
    out['questlog/direct ndjson ingest throughput'] = stored(d) / stored(q);
    out['questlog/direct ndjson ingest throughput, ingest phase only'] = d.phases.ingest / q.phases.ingest;
  }
  return out;
}

/**
 * Each target with the figure that decides it. `scale` is the size a target is stated for: measured at another size
 * the figure is shown but `holds` stays null (not established). `holds` is also null when nothing measured it.
 */
export function targets(sizes) {
  const biggest = sizes.at(-1);
  const at = (size) => sizes.find((s) => s.size === size);
  const q = (s, format) => s && find(s.summary, 'questlog', format);
  const latest = (key) => [...sizes].reverse().find((s) => typeof s.ratios[key] === 'number');
  const t = [];
  const add = (name, goal, scale, s, value, ok, note = '') => {
    const measured = value !== null && value !== undefined && !Number.isNaN(value);
    const onScale = !scale || s?.size === scale;
    t.push({
      name,
      target: goal,
      scale,
      where: measured ? s.size : null,
      value: measured ? value : null,
      holds: measured && onScale ? ok(value) : null,
      note,
    });
  };
  const ratioTarget = (name, goal, scale, key, ok, note) => {
    const s = at(scale) ?? latest(key);
    add(name, goal, scale, s, s?.ratios[key], ok, note);
  };
  // Issue 13's targets (they supersede the earlier round's 300 MB/s, 15 s / 5 s and SQLite ≥ 20).
  for (const f of ['ndjson', 'parquet']) {
    for (const size of ['1m', '10m']) {
      const s = at(size);
      add(
        `questlog without publish / limit (${f}, ${size})`,
        '≤ 3',
        size,
        s,
        s?.ratios[`questlog-without-publish/limit ${f}`],
        (v) => v <= 3,
        'limit: one DuckDB query from the files to the figures',
      );
    }
  }
  const ingest = latest('questlog/direct ndjson ingest throughput');
  add(
    'NDJSON ingest throughput / direct',
    '≥ 0.80',
    null,
    ingest,
    ingest?.ratios['questlog/direct ndjson ingest throughput'],
    (v) => v >= 0.8,
    'direct ingest + checkpoint phases / questlog ingest + checkpoint phases, same files',
  );
  const ten = at('10m') ?? biggest;
  add('10M events end to end from NDJSON', '≤ 20 s', '10m', ten, q(ten, 'ndjson')?.median_ms / 1000, (v) => v <= 20);
  add('10M events end to end from Parquet', '≤ 10 s', '10m', ten, q(ten, 'parquet')?.median_ms / 1000, (v) => v <= 10);
  for (const f of ['ndjson', 'parquet']) {
    ratioTarget(
      `questlog / floor (${f})`,
      '≤ 1.10',
      null,
      `questlog/floor ${f}`,
      (v) => v <= 1.1,
      'end to end, publish included',
    );
  }
  for (const size of ['1m', '10m']) {
    const s = at(size);
    add('SQLite-original / questlog', '≥ 10', size, s, s?.ratios['sqlite/questlog ndjson'], (v) => v >= 10);
  }
  ratioTarget('pandas / questlog', '≥ 5', null, 'pandas/questlog ndjson', (v) => v >= 5);
  ratioTarget(
    'questlog peak memory / pandas peak memory',
    '≤ 0.333',
    null,
    'questlog/pandas peak memory',
    (v) => v <= 1 / 3,
  );
  const inc = at('100m')?.incremental ? at('100m') : [...sizes].reverse().find((s) => s.incremental);
  const np = inc?.incremental.nightly_phases;
  const core = np && Object.values(np).reduce((a, b) => a + b, 0) - published({ phases: np });
  const split = np
    ? `without read copy and publish ${sec(core)} s = ${num((core / inc.incremental.full_median_ms) * 100, 1)}%; publish ${sec(np.publish)} s with the read copy alongside, then ${sec(np.readcopy)} s more for the copy`
    : '';
  add('incremental nightly / full rebuild', '≤ 5%', '100m', inc, inc?.incremental.share, (v) => v <= 0.05, split);
  add('incremental nightly', '≤ 20 s', '100m', inc, inc?.incremental.nightly_median_ms / 1000, (v) => v <= 20, split);
  const huge = at('100m') ?? biggest;
  add('questlog peak memory', '≤ 8 GB', '100m', huge, huge && peakMb(huge) / 1024, (v) => v <= 8);
  const pub = [...sizes].reverse().find((s) => s.dataset.quests >= 1000 && q(s, 'parquet'));
  add(
    'publishing 1,000 quests',
    '≤ 10 s',
    null,
    pub,
    q(pub, 'parquet')?.phases.publish / 1000,
    (v) => v <= 10,
    pub ? `${q(pub, 'parquet').quests ?? pub.dataset.quests} quest pages` : '',
  );
  return t;
}

/** questlog's peak RSS at a size: its end-to-end runs and, when measured, the nightly and the rebuild. */
function peakMb(s) {
  const inc = s.incremental ? [...s.incremental.runs.nightly, ...s.incremental.runs.full] : [];
  const all = [
    ...s.summary.filter((r) => r.contender === 'questlog').map((r) => r.peak_rss_mb),
    ...inc.map((r) => Math.round(r.maxRssKB / 1024)),
  ];
  return all.length ? Math.max(...all) : null;
}

const sec = (ms) => (ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
const num = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

export function markdown(result) {
  const L = [];
  const m = result.machine;
  L.push('# questlog benchmark results', '');
  L.push(
    `Run ${result.started_at} → ${result.finished_at} UTC, commit \`${result.commit}\`${result.dirty ? ' (with uncommitted changes)' : ''}.`,
    `Machine: ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GiB RAM; Node ${m.node}, DuckDB ${m.duckdb}, SQLite ${m.sqlite}, pandas ${m.pandas}.`,
    `Load average (1 min) at start ${num(result.load.start[0])}, at end ${num(result.load.end[0])}; per-run load is in latest.json. ` +
      'The machine is shared, so compare ratios (contenders alternate within one run) rather than absolute times.',
    `DuckDB settings for questlog and the floor: ${Object.entries(result.settings)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ')}. Command: \`${result.command}\`.`,
    '',
  );
  L.push(
    '## Targets',
    '',
    '| target | goal | stated at | measured | at | holds |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const t of result.targets) {
    const v = typeof t.value === 'number' ? num(t.value, t.value < 1 ? 3 : 2) : '–';
    const holds =
      t.holds !== null ? (t.holds ? 'yes' : '**no**') : t.value === null ? 'not measured' : `not at ${t.scale}`;
    L.push(
      `| ${t.name} | ${t.target} | ${t.scale ?? 'any size'} | ${v}${t.note ? ` (${t.note})` : ''} | ${t.where ?? '–'} | ${holds} |`,
    );
  }
  L.push('');
  for (const s of result.sizes) {
    const d = s.dataset;
    L.push(
      `## ${s.size}: ${d.events.toLocaleString('en')} events, ${d.players.toLocaleString('en')} players, ${d.quests} quests`,
      '',
    );
    if (s.run) {
      L.push(
        `Measured ${s.run.started_at} → ${s.run.finished_at} UTC at commit \`${s.run.commit}\`${s.run.dirty ? ' (uncommitted changes in the tree)' : ''}, ` +
          `load average ${num(s.run.load_start[0])} → ${num(s.run.load_end[0])}; \`${s.run.command}\`.`,
        '',
      );
    }
    const identical = s.runs.length
      ? `Statistics identical across all ${s.runs.length} runs: **${s.identical ? 'yes' : 'NO'}**.`
      : 'Only the incremental nightly and its full rebuild were run at this size.';
    L.push(
      `Inputs: ${Object.entries(d.bytes)
        .map(([f, b]) => `${f} ${mb(b)} in ${d.inputs[f].length} files`)
        .join('; ')}. ${identical}`,
      '',
    );
    const base = find(s.summary, 'questlog', 'ndjson') ?? s.summary.find((r) => r.contender === 'questlog');
    L.push(
      '| contender | input | median s | min–max s | × questlog (ndjson) | peak RSS MB | phases (median ms) | reps |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of s.summary) {
      const phases = Object.entries(r.phases)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ');
      L.push(
        `| ${r.contender} | ${r.format} | ${sec(r.median_ms)} | ${sec(r.min_ms)}–${sec(r.max_ms)} | ${num(ratio(r.median_ms, base?.median_ms))} | ${r.peak_rss_mb} | ${phases} | ${r.reps} |`,
      );
    }
    L.push('', 'Ratios (medians):', '');
    for (const [k, v] of Object.entries(s.ratios)) L.push(`- ${k}: ${num(v)}`);
    if (s.incremental) {
      const i = s.incremental;
      L.push(
        '',
        `Incremental nightly: history ${i.history_events.toLocaleString('en')} events (Parquet)` +
          (i.history_dates ? ` with a snapshot on each of its ${i.history_dates} days` : '') +
          (i.history_padded ? ` (${i.history_padded} of them padded: bench/lib/pad-history.js)` : '') +
          `, one new day of ` +
          `${i.new_events.toLocaleString('en')} events (${num(i.new_share * 100, 1)}%, NDJSON gzip) touching ` +
          `${i.dirty_players.toLocaleString('en')} players. Nightly median ${sec(i.nightly_median_ms)} s ` +
          `(${sec(i.nightly_min_ms)}–${sec(i.nightly_max_ms)}), full rebuild median ${sec(i.full_median_ms)} s ` +
          `(${sec(i.full_min_ms)}–${sec(i.full_max_ms)}): nightly = ${num(i.share * 100, 1)}% of a rebuild; ` +
          `statistics identical: **${i.identical ? 'yes' : 'NO'}**.`,
        '',
        `Nightly phases (median ms): ${Object.entries(i.nightly_phases)
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(', ')}. Full rebuild phases: ${Object.entries(i.full_phases)
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(', ')}.`,
      );
    }
    L.push('');
  }
  if (result.notes?.length) L.push('## Notes', '', ...result.notes.map((n) => `- ${n}`), '');
  L.push(
    '## Contenders',
    '',
    '1. **questlog**: the library end to end on a fresh database, as `nightly` runs it: ingest → state → snapshot → publish (static site + JSON API).',
    '2. **floor**: the statements questlog ran for ingest, state and snapshot (recorded in an untimed pass on the same input), replayed in order through @duckdb/node-api and nothing else: no fingerprinting, planning, file checks or publish.',
    '3. **sqlite**: the original approach: better-sqlite3, every event inserted row by row as an ORM would (one transaction per file), state derived in application code per quest, then six queries per quest.',
    '4. **pandas**: `read_json(lines=True)` per file + `groupby`, the same state rules (Debian python3-pandas).',
    '6. **limit** (reference; by default on NDJSON and Parquet): one DuckDB query from the files to the per-quest figures under the same rules, nothing stored (bench/contenders/limit.sql).',
    "5. **direct** (reference; by default on NDJSON): bare DuckDB readers over all files straight into `events`, then questlog's state and snapshot SQL: the engine minimum without line-exact ingest.",
    '',
    "Every contender runs in its own process; wall time is spawn to exit, peak memory is the process's own max RSS (getrusage).",
    '',
  );
  return L.join('\n');
}
