// The nightly with alerts configured: it still publishes, writes the fired alerts into changes.json and digest.md,
// and exits with EXIT.alert; `questlog changes` prints the same comparison.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesMessages } from '../src/domain/changes-messages.js';
import { EXIT } from '../src/domain/messages.js';
import { cli, tempDir } from './helpers.js';

// The two days of test/changes.test.ts, as event logs: A's completion rate drops from 30/40 to 30/80
// (z = −3.872983, a real drop), B's from 10/40 to 16/80 (z = −0.626740, inside the noise).
function dayEvents(day: '2026-11-27' | '2026-11-28'): string {
  const rows: object[] = [];
  const [from, to] = day === '2026-11-27' ? [0, 40] : [40, 80];
  for (let i = from; i < to; i++) {
    const player_id = `p${String(i).padStart(2, '0')}`;
    const ev = (quest_id: string, status: string, time: string) =>
      rows.push({ ts: `${day} ${time}`, player_id, quest_id, status });
    if (i < 30) {
      ev('A', 'accepted', '10:00:00');
      ev('A', 'completed', '10:30:00');
    } else ev('C', 'accepted', '10:00:00');
    if (i < 10 || (i >= 40 && i < 46)) {
      ev('B', 'accepted', '11:00:00');
      ev('B', 'completed', '11:30:00');
    }
  }
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
        { metric: 'completion_rate', direction: 'down', min_change: 0.05, scope: 'any quest' },
        { metric: 'completion_rate', direction: 'down', min_change: 0.05, scope: 'B' },
      ],
    };
    writeFileSync(join(dir, 'questlog.config.json'), JSON.stringify(config));
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs/day1.ndjson'), dayEvents('2026-11-27'));
    const first = cli(['nightly', '--as-of', '2026-11-27'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    writeFileSync(join(dir, 'logs/day2.ndjson'), dayEvents('2026-11-28'));
    const second = cli(['nightly', '--as-of', '2026-11-28'], { cwd: dir });
    expect(second.code).toBe(EXIT.alert);
    expect(second.stdout).toContain(`alerts: 1 fired, see ${join(dir, 'site/digest.md')}`);

    const changes = JSON.parse(readFileSync(join(dir, 'site/api/v1/changes.json'), 'utf8'));
    expect(changes.snapshot_date).toBe('2026-11-28');
    expect(changes.previous_date).toBe('2026-11-27');
    expect(changes.alerts).toEqual([
      {
        rule: config.alerts[0],
        quest_id: 'A',
        name: 'A',
        metric: 'completion_rate',
        before: 0.75,
        after: 0.375,
        change: -0.375,
        relative_change: -0.5,
        worse: true,
      },
    ]);
    const digest = readFileSync(join(dir, 'site/digest.md'), 'utf8');
    expect(digest).toBe(
      [
        '# Alert test: what changed on 2026-11-28',
        '',
        'Compared with 2026-11-27. Only changes beyond the noise (5% level) are listed.',
        '',
        '## Alerts (1)',
        '',
        '- **A: completion rate 75.0% → 37.5% (-37.5 points)**: alert completion_rate down by at least 5.0 points (any quest)',
        '',
        '## Largest movers',
        '',
        '- ▼ A: completion rate 75.0% → 37.5% (-37.5 points)',
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
      '  worse   A: completion rate 75.0% → 37.5% (-37.5 points)',
    ]);
    const md = cli(['changes', '--since', '2026-11-27', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('## Alerts (1)');
    const bad = cli(['changes', '--since', '2026-10-01'], { cwd: dir });
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('no snapshot stored for 2026-10-01');
  });

  it('rejects an alert rule with an unknown metric, naming the key', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'questlog.config.json'),
      JSON.stringify({ alerts: [{ metric: 'completion', direction: 'down' }] }),
    );
    const out = cli(['changes'], { cwd: dir });
    expect(out.code).toBe(EXIT.usage);
    expect(out.stderr).toContain('"alerts[0].metric" must be one of completion_rate, survival_median_seconds');
  });
});
