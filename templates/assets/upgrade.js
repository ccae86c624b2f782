// Optional: with JavaScript on, swaps each server-rendered SVG chart for an interactive one (tooltips).
// Everything comes from the site's own assets; expressions run through vega-interpreter, so the CSP needs no eval.
(() => {
  // On a narrow screen the chart is laid out again at the width there is (the static SVG scrolls in its box instead):
  // fonts keep their size, and long quest names are cut to leave the bars room.
  function fitWidth(spec, avail) {
    const room = avail - 40;
    if (typeof spec.width !== 'number' || room <= 0 || room >= spec.width) return;
    spec.width = Math.max(200, room);
    const axis = spec.encoding?.y?.axis;
    if (axis && typeof axis.labelLimit === 'number') axis.labelLimit = Math.round(spec.width * 0.4);
  }
  const embed = window.vegaEmbed;
  const interp = window.vegaInterpreter;
  if (typeof embed !== 'function' || !interp) return;
  // Opened from disk (file://) the browser refuses to fetch the spec and its data: the static SVG stays, and nothing
  // is asked for that would only log an error.
  if (location.protocol === 'file:') return;
  const options = {
    mode: 'vega-lite',
    renderer: 'svg',
    actions: false,
    defaultStyle: false,
    ast: true,
    expr: interp.expressionInterpreter,
    tooltip: { disableDefaultStyle: true },
  };
  // Several charts of a page read one data file (a quest's status, histogram and survival its API JSON): vega's loader
  // with each file's text kept, so the page asks for it once however many charts read it.
  if (window.vega && typeof window.vega.loader === 'function') {
    const loader = window.vega.loader();
    const load = loader.load.bind(loader);
    const texts = new Map();
    loader.load = (uri, opts) => {
      if (!texts.has(uri)) texts.set(uri, load(uri, opts));
      return texts.get(uri);
    };
    options.loader = loader;
  }
  // A page's specs are one file beside it (each chart's under its key): fetched once for all its charts.
  const files = new Map();
  function specsOf(url) {
    let specs = files.get(url);
    if (!specs) {
      specs = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      });
      files.set(url, specs);
    }
    return specs;
  }
  // The chart's "Vega-Lite spec" link, which without JavaScript opens the page's spec file, downloads this chart's own
  // spec (as `<page>.<chart>.vl.json`).
  function offerSpec(figure, key, spec) {
    const link = figure.querySelector('.chart-source a');
    if (!link) return;
    const blob = new Blob([JSON.stringify(spec)], { type: 'application/json' });
    link.href = URL.createObjectURL(blob);
    link.download = `${figure.dataset.spec.replace(/\.specs\.json$/, '')}.${key}.vl.json`;
    link.removeAttribute('title');
  }
  async function upgrade(figure, body) {
    // The page carries no copy of the specs: they are the file beside the page (data inline or read by vega from the
    // quest's API files).
    const key = figure.dataset.chart;
    const spec = (await specsOf(figure.dataset.spec))[key];
    if (!spec) throw new Error(`${figure.dataset.spec}: no ${key}`);
    offerSpec(figure, key, spec);
    fitWidth(spec, body.clientWidth);
    const target = document.createElement('div');
    await embed(target, spec, options);
    const title = body.querySelector('svg > title');
    const svg = target.querySelector('svg');
    if (svg && title) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', title.textContent);
    }
    body.replaceChildren(target);
    figure.classList.add('interactive');
  }
  for (const figure of document.querySelectorAll('figure.chart[data-spec]')) {
    const body = figure.querySelector('.chart-body');
    if (!body) continue;
    upgrade(figure, body).catch(() => {
      // The static SVG stays: it already shows everything.
    });
  }
})();
