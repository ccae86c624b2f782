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
  for (const figure of document.querySelectorAll('figure.chart')) {
    const source = figure.querySelector('script.chart-spec');
    const body = figure.querySelector('.chart-body');
    if (!source || !body) continue;
    let spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch {
      continue;
    }
    fitWidth(spec, body.clientWidth);
    const target = document.createElement('div');
    const options = {
      mode: 'vega-lite',
      renderer: 'svg',
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: interp.expressionInterpreter,
      tooltip: { disableDefaultStyle: true },
    };
    embed(target, spec, options).then(
      () => {
        const title = body.querySelector('svg > title');
        const svg = target.querySelector('svg');
        if (svg && title) {
          svg.setAttribute('role', 'img');
          svg.setAttribute('aria-label', title.textContent);
        }
        body.replaceChildren(target);
        figure.classList.add('interactive');
      },
      () => {
        // The static SVG stays: it already shows everything.
      },
    );
  }
})();
