// Optional: with JavaScript on, the quest table (paged with plain links without it) searches every quest by id, name
// or chain, filters by chain and sorts by any column, over all quests: the rows come from index.table.json, whose
// texts are formatted by the publish exactly as the pages'. Rows are built with textContent, never markup.
(() => {
  const table = document.getElementById('quests-table');
  const tools = document.getElementById('quest-tools');
  const search = document.getElementById('quest-search');
  const chain = document.getElementById('quest-chain');
  const count = document.getElementById('quest-count');
  const reset = document.getElementById('quest-reset');
  if (!table || !tools || !search || !chain || !count || !reset || typeof fetch !== 'function') return;
  const root = tools.dataset.root || '';
  const body = table.tBodies[0];
  const original = Array.from(body.rows);
  const pager = document.querySelector('nav.pager');
  const heads = Array.from(table.tHead.rows[0].cells);
  // The published order is marked on its column (Conversion, ascending); the others are unsorted.
  const published = heads.map((h) => h.getAttribute('aria-sort') || 'none');
  /** Rows shown at once while searching or sorting; the rest are counted. */
  const SHOWN = 200;
  const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let rows = [];
  let sort = { col: -1, dir: 1 };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function rowOf(r) {
    const tr = document.createElement('tr');
    const th = el('th');
    th.scope = 'row';
    const a = el('a', '', r.n);
    a.href = `${root}${r.f}`;
    const span = el('span', 'chain', r.c ? `${r.c} · ` : '');
    span.append(el('code', '', r.id));
    th.append(a, span);
    tr.append(th);
    r.t.forEach((text, i) => {
      const td = el('td', 'n');
      if (i === 8 && r.v[8]) {
        // completion rate, with its bar
        const span = el('span', 'rate');
        const meter = el('meter', 'minibar');
        meter.min = 0;
        meter.max = 1;
        meter.value = r.v[8];
        meter.setAttribute('aria-hidden', 'true');
        span.append(meter, text);
        td.append(span);
      } else if ((i === 6 || i === 7) && r.ci[i - 6]) {
        // reach and conversion, with their 95% interval
        td.append(text, el('span', 'ci', r.ci[i - 6]));
      } else td.textContent = text;
      tr.append(td);
    });
    return tr;
  }

  function key(r, col) {
    return col === 0 ? r.n.toLowerCase() : r.v[col - 1];
  }

  function apply() {
    const query = search.value.trim().toLowerCase();
    const want = chain.value;
    if (query === '' && want === '' && sort.col < 0) {
      body.replaceChildren(...original);
      if (pager) pager.hidden = false;
      count.textContent = `${fmt(rows.length)} quests`;
      return;
    }
    let hits = rows.filter((r) => (want === '' || r.c === want) && (query === '' || r.s.includes(query)));
    if (sort.col >= 0) {
      const { col, dir } = sort;
      hits = hits
        .map((r, i) => ({ r, i, k: key(r, col) }))
        .sort((a, b) => {
          // Empty values (no completion yet) last, whichever the direction.
          if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : a.k === null ? 1 : -1;
          return a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i;
        })
        .map((x) => x.r);
    }
    body.replaceChildren(...hits.slice(0, SHOWN).map(rowOf));
    if (pager) pager.hidden = true;
    const more = hits.length > SHOWN ? ` (first ${SHOWN} shown: narrow the search)` : '';
    count.textContent = `${fmt(hits.length)} of ${fmt(rows.length)} quests${more}`;
  }

  /** Sorts by a column (col < 0: back to the published order) and says so on the headers and the reset button. */
  function sortBy(col) {
    const dir = col < 0 ? 1 : sort.col === col ? -sort.dir : heads[col].classList.contains('n') ? -1 : 1;
    sort = { col, dir };
    heads.forEach((h, i) => {
      const state = col < 0 ? published[i] : i === col ? (dir === 1 ? 'ascending' : 'descending') : 'none';
      h.setAttribute('aria-sort', state);
    });
    // aria-disabled, not disabled: the button keeps focus after a reset and stays in the Tab order.
    reset.setAttribute('aria-disabled', String(col < 0));
    apply();
  }

  fetch(`${root}index.table.json`)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((data) => {
      rows = data.rows.map((r) => ({ ...r, s: `${r.id} ${r.n} ${r.c ?? ''}`.toLowerCase() }));
      heads.forEach((h, i) => {
        const button = el('button', 'sort');
        button.type = 'button';
        button.append(...h.childNodes);
        h.replaceChildren(button);
        h.setAttribute('aria-sort', published[i]);
        button.addEventListener('click', () => sortBy(i));
      });
      reset.addEventListener('click', () => {
        if (sort.col >= 0) sortBy(-1);
      });
      // Focus scrolls a cell into view only when it is wholly hidden: a sort button half out of the scrolling box, or
      // (going back with Shift+Tab on a phone) under the sticky quest column, would stay so. 'nearest' shows all of it,
      // clear of the column (the box's scroll-padding).
      table.addEventListener('focusin', (e) => e.target.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
      search.addEventListener('input', apply);
      chain.addEventListener('change', apply);
      tools.hidden = false;
      apply();
    })
    .catch(() => {
      // Without the data (e.g. opened from file://) the table stays as published, paged with plain links.
    });
})();
