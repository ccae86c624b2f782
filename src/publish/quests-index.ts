// The API's quest index (api/v1/quests.json and quests/page-N.json), paged, its entries taken from snapshot.json's.
import { API_DIR, header, type SiteData, type snapshotDocument } from './api.js';
import { floorFlags } from './privacy.js';

/** Quests per page of the quest index: quests.json is page 1, quests/page-N.json the others. */
const QUESTS_PAGE_SIZE = 1000;

/** Path of page `n` of the quest index, relative to the site root. */
const questsPagePath = (n: number) => (n === 1 ? `${API_DIR}/quests.json` : `${API_DIR}/quests/page-${n}.json`);

/** One quest's entry in snapshot.json. */
type SnapshotEntry = ReturnType<typeof snapshotDocument>['quests'][number];

/**
 * The quest index, paged: each page has its quests and relative links to the previous and next page (null at the
 * ends), so a client follows `next` from quests.json. Links are relative to the page itself. Each quest's entry is
 * taken from its snapshot.json entry (`quests`: snapshotDocument's), not built again.
 */
export function questsIndexPages(data: SiteData, quests: readonly SnapshotEntry[], size = QUESTS_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(quests.length / size));
  const href = (from: number, to: number) =>
    from === 1 ? `quests/page-${to}.json` : to === 1 ? '../quests.json' : `page-${to}.json`;
  return Array.from({ length: pages }, (_, i) => {
    const n = i + 1;
    // Quest links are relative to api/v1/; page files sit one folder down.
    const up = n === 1 ? '' : '../';
    return {
      path: questsPagePath(n),
      doc: {
        ...header(data),
        page: {
          number: n,
          pages,
          size,
          total: quests.length,
          prev: n > 1 ? href(n, n - 1) : null,
          next: n < pages ? href(n, n + 1) : null,
        },
        quests: quests.slice(i * size, n * size).map((e) => indexEntry(e, up)),
      },
    };
  });
}

/**
 * A quest's index entry: some of its snapshot.json entry's figures (the same values), its links from a page `up` from
 * api/v1/, and its floor flags; keys in JSON's order (flags sort last), so compactJson serialises it as it is.
 */
function indexEntry(e: SnapshotEntry, up: string) {
  return {
    chain: e.chain,
    completed: e.completed,
    completion_rate: e.completion_rate,
    conversion_rate: e.conversion_rate,
    conversion_rate_high: e.conversion_rate_high,
    conversion_rate_low: e.conversion_rate_low,
    file_id: e.file_id,
    in_catalogue: e.in_catalogue,
    links: { history: up + e.links.history, html: up + e.links.html, json: up + e.links.json },
    median_completion: e.median_completion,
    name: e.name,
    players: e.players,
    quest_id: e.quest_id,
    reach_rate: e.reach_rate,
    sort_order: e.sort_order,
    ...floorFlags(e as { suppressed?: boolean; times_suppressed?: boolean }),
  };
}
