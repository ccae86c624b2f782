// The nightly with alerts configured: it still publishes, writes the fired alerts into changes.json and digest.md,
// and exits with EXIT.alert; `questlog changes` prints the same comparison.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesMessages } from '../src/domain/changes-messages.js';
import { EXIT, statsMessages } from '../src/domain/messages.js';
import { changeDay } from './fixtures/changes-days.js';
import { cli, tempDir } from './helpers.js';

// The two days of test/changes.test.ts, as event logs: B's conversion drops from 16/20 to 20/40 (z = −2.236068, a real
// drop); D's from 8/10 to 15/20 (z = −0.305234, inside the noise); A's completion rate halves with conversion unchanged.
function dayEvents(day: '2026-11-27' | '2026-11-28'): string {
  const rows = changeDay(day).map(([player_id, quest_id, status, ts]) => ({ ts, player_id, quest_id, status }));
  return `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

describe('nightly alerts', () => {
  // Seven CLI processes (two nightlies): minutes on a loaded two-core machine, not the suite's default 60 s.
  it('publishes, lists the alert in changes.json and digest.md, and exits with the alert code', {
    timeout: 240_000,
  }, () => {
    const dir = tempDir();
    const config = {
      db: 'q.duckdb',
      sources: { game: { format: 'events', paths: ['logs/*.ndjson'] } },
      reports: { out: 'site', title: 'Alert test' },
      alerts: [
        { metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope: 'any quest' },
        { metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope: 'D' },
        { metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope: 'A' },
      ],
    };
    writeFileSync(join(dir, 'questlog.config.json'), JSON.stringify(config));
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs/day1.ndjson'), dayEvents('2026-11-27'));
    const first = cli(['nightly', '--as-of', '2026-11-27'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    // No comparison yet, so no alert and no digest.
    expect(existsSync(join(dir, 'digest.md'))).toBe(false);
    writeFileSync(join(dir, 'logs/day2.ndjson'), dayEvents('2026-11-28'));
    const second = cli(['nightly', '--as-of', '2026-11-28'], { cwd: dir });
    expect(second.code).toBe(EXIT.alert);
    expect(second.stdout).toContain(changesMessages.alertsPublished(1, join(dir, 'digest.md')));
    // Beside the site, not in it.
    expect(existsSync(join(dir, 'site/digest.md'))).toBe(false);

    const changes = JSON.parse(readFileSync(join(dir, 'site/api/v1/changes.json'), 'utf8'));
    expect(changes.snapshot_date).toBe('2026-11-28');
    expect(changes.previous_date).toBe('2026-11-27');
    expect(changes.alerts).toEqual([
      {
        rule: config.alerts[0],
        quest_id: 'B',
        name: 'B',
        metric: 'conversion_rate',
        before: 0.8,
        after: 0.5,
        change: -0.3,
        relative_change: -0.375,
        worse: true,
        low: 0.351995,
        high: 0.648005,
        low_before: 0.583983,
        high_before: 0.919342,
      },
    ]);
    const digest = readFileSync(join(dir, 'digest.md'), 'utf8');
    expect(digest).toBe(
      [
        '# Alert test: what changed on 2026-11-28',
        '',
        'Compared with 2026-11-27. Only changes beyond the noise (5% level) are listed.',
        '',
        '## Alerts (1)',
        '',
        '- **B: conversion 80.0% [58.4–91.9%] → 50.0% [35.2–64.8%] (-30.0 points)**: alert conversion_rate down by at least 5.0 points (any quest)',
        '',
        '## Largest movers',
        '',
        '- ▼ B: conversion 80.0% [58.4–91.9%] → 50.0% [35.2–64.8%] (-30.0 points)',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toContain('What changed');

    const text = cli(['changes'], { cwd: dir });
    expect(text.code).toBe(EXIT.ok);
    // Lines off a terminal carry a UTC stamp (README "Running it every night"); the text after it is checked.
    expect(
      text.stdout
        .split('\n')
        .slice(0, 2)
        .map((l) => l.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /, '')),
    ).toEqual([
      changesMessages.header('2026-11-28', '2026-11-27'),
      '  worse   B: conversion 80.0% [58.4–91.9%] → 50.0% [35.2–64.8%] (-30.0 points)',
    ]);
    const md = cli(['changes', '--since', '2026-11-27', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('## Alerts (1)');
    // A publish whose comparison fires nothing (the first day has none) removes the digest: one there is always current.
    expect(cli(['publish', '--as-of', '2026-11-27'], { cwd: dir }).code).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'digest.md'))).toBe(false);
    const bad = cli(['changes', '--since', '2026-10-01'], { cwd: dir });
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain(statsMessages.noSnapshot('2026-10-01'));
  });

  it('rejects an alert rule with an unknown metric, naming the key', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'questlog.config.json'),
      JSON.stringify({ alerts: [{ metric: 'completion', direction: 'down' }] }),
    );
    const out = cli(['changes'], { cwd: dir });
    expect(out.code).toBe(EXIT.usage);
    expect(out.stderr).toContain('"alerts[0].metric" must be one of conversion_rate, survival_median_seconds');
    // The metric alerts used before issue 19: refused with what replaced it.
    writeFileSync(
      join(dir, 'questlog.config.json'),
      JSON.stringify({ alerts: [{ metric: 'completion_rate', direction: 'down' }] }),
    );
    const old = cli(['changes'], { cwd: dir });
    expect(old.code).toBe(EXIT.usage);
    expect(old.stderr).toContain(
      changesMessages.completionAlert(join(dir, 'questlog.config.json'), 'alerts[0].metric'),
    );
  });
});
