// The privacy floor on the rest of a site (src/publish/privacy-site.ts), hand-worked with K = 2: a chain step reached by
// one player and the next step's dropped count, survival from one attempt, and changes about a quest that one player met.
import { describe, expect, it } from 'vitest';
import type { ChainStep, ChangesData, Mover, QuestStats, SurvivalStats } from '../src/domain/types.js';
import type { SiteData } from '../src/publish/api.js';
import { floorSite } from '../src/publish/privacy-site.js';

const quest = (id: string, date: string, met: number, completed: number): QuestStats =>
  ({
    snapshot_date: date,
    quest_id: id,
    name: id,
    players: 10,
    accepted: met - completed,
    declined: 0,
    completed,
    abandoned: 0,
    failed: 0,
    not_encountered: 10 - met,
    completion_rate: completed / 10,
    conversion_rate: met > 0 ? completed / met : null,
    median_seconds: completed > 0 ? 60 : null,
    anomalies: 0,
  }) as QuestStats;

const step = (n: number, id: string, reached: number, completed: number, dropped: number | null): ChainStep => ({
  snapshot_date: '2026-11-28',
  chain: 'C',
  step: n,
  quest_id: id,
  name: id,
  players: 10,
  reached,
  completed,
  dropped,
  median_gap_seconds: 30,
  conversion_rate: completed / reached,
  conversion_rate_low: 0,
  conversion_rate_high: 1,
});

const survival = (id: string, atRisk: number): SurvivalStats => ({
  snapshot_date: '2026-11-28',
  quest_id: id,
  at_risk: atRisk,
  censored: 0,
  survival_median_seconds: 60,
  survival_median_low_seconds: 50,
  survival_median_high_seconds: 70,
  survival_p90_seconds: 90,
});

const mover = (id: string): Mover => ({
  quest_id: id,
  name: id,
  metric: 'conversion_rate',
  before: 0.1,
  after: 0.3,
  change: 0.2,
  relative_change: 2,
  worse: false,
  low: 0.1,
  high: 0.6,
  low_before: 0,
  high_before: 0.4,
});

function site(): SiteData {
  const quests = [quest('A', '2026-11-28', 5, 3), quest('B', '2026-11-28', 1, 1), quest('D', '2026-11-28', 4, 3)];
  const changes: ChangesData = {
    latest: {
      snapshot_date: '2026-11-28',
      previous_date: '2026-11-27',
      quests: quests.map((q) => ({
        quest_id: q.quest_id,
        name: q.name,
        chain: 'C',
        players: 10,
        players_before: 10,
        players_change: 0,
        encountered: 10 - q.not_encountered,
        encountered_before: 10,
        conversion_rate: q.conversion_rate,
        conversion_rate_low: 0,
        conversion_rate_high: 1,
        conversion_rate_before: 0.1,
        conversion_rate_low_before: 0,
        conversion_rate_high_before: 0.4,
        conversion_rate_change: 0.2,
        conversion_rate_z: 1,
        conversion_rate_significant: true,
        median_seconds: 60,
        median_seconds_before: 60,
        median_seconds_change: 0,
        survival_median_seconds: 60,
        survival_median_low_seconds: 50,
        survival_median_high_seconds: 70,
        survival_median_seconds_before: 60,
        survival_median_low_seconds_before: 50,
        survival_median_high_seconds_before: 70,
        survival_median_seconds_change: 0,
        survival_median_significant: false,
      })),
    },
    history: [],
    movers: [mover('A'), mover('B'), mover('D')],
    alerts: [
      { rule: { metric: 'conversion_rate', direction: 'any', min_change: 0, scope: 'any quest' }, mover: mover('B') },
    ],
  };
  return {
    title: 't',
    generatedAt: '2026-11-28T00:00:00Z',
    snapshot: { meta: {} as SiteData['snapshot']['meta'], quests },
    coverage: { unknown_ids: [], never_seen: [], rejected_lines: 0 },
    // D was met by one player the day before: its earlier rate is hidden, so its change and mover are too.
    history: [quest('A', '2026-11-27', 5, 1), quest('D', '2026-11-27', 1, 0), ...quests],
    histogram: [],
    survival: [survival('A', 5), survival('B', 1), survival('D', 4)],
    survivalCurve: [
      { quest_id: 'A', seconds: 60, surviving: 0.5, surviving_low: 0.2, surviving_high: 0.8 },
      { quest_id: 'B', seconds: 60, surviving: 0, surviving_low: 0, surviving_high: 1 },
    ],
    chains: [step(1, 'A', 5, 3, null), step(2, 'B', 1, 1, 2), step(3, 'D', 4, 3, 0)],
    changes,
  };
}

describe('privacy floor on the rest of the site (K = 2)', () => {
  const out = floorSite(site(), 2);

  it('hides a chain step reached by one player, and the next step dropped count that would give it back', () => {
    expect(out.chains?.map((s) => [s.step, s.suppressed ?? false, s.reached, s.completed, s.dropped])).toEqual([
      [1, false, 5, 3, null],
      [2, true, null, null, null],
      [3, false, 4, 3, null],
    ]);
  });

  it('hides survival figures and curves of a quest whose times are hidden', () => {
    expect(out.survival?.map((s) => [s.quest_id, s.suppressed ?? false, s.at_risk, s.survival_median_seconds])).toEqual(
      [
        ['A', false, 5, 60],
        ['B', true, null, null],
        ['D', false, 4, 60],
      ],
    );
    expect(out.survivalCurve?.map((p) => p.quest_id)).toEqual(['A']);
  });

  it('shows a change only where both snapshots show the figure, and drops movers and alerts about hidden ones', () => {
    const rows = out.changes?.latest.quests.map((q) => [
      q.quest_id,
      q.suppressed ?? false,
      q.encountered,
      q.conversion_rate,
      q.conversion_rate_before,
      q.conversion_rate_change,
      q.conversion_rate_low,
    ]);
    expect(rows).toEqual([
      // A's earlier completion time came from one completer: its times are hidden that day, its conversion is not.
      // B's one player hides its count of players who met it and the whole of its conversion today.
      ['A', true, 5, 0.6, 0.1, 0.2, 0],
      ['B', true, null, null, 0.1, null, null],
      ['D', true, 4, 0.75, null, null, 0],
    ]);
    expect(out.changes?.movers.map((m) => m.quest_id)).toEqual(['A']);
    expect(out.changes?.alerts).toEqual([]);
  });

  it('leaves everything as it was with the floor off', () => {
    const plain = site();
    expect(floorSite(plain, 0)).toBe(plain);
  });
});
