// Optional: with JavaScript on, swaps each server-rendered SVG chart for an interactive one (tooltips).
// Everything comes from the site's own assets; expressions run through vega-interpreter, so the CSP needs no eval.
(() => {
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
