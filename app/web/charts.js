// ReplayerCharts: the canvas charts of the HTML report and the live dashboard. No dependencies.
//   ReplayerCharts.price(canvas, options)  -> {update(data), destroy()}
//     data = {games: [{id, ticks: [...], prices: [...], rugTick?, sidebetWindows: [[from, to], ...],
//                      markers: [{tick, price, kind}]}]}   (point i is at x = ticks[i])
//     kind: buy | sell | sidebet | sidebet_won | sidebet_lost | liquidation
//   ReplayerCharts.equity(canvas, options) -> {update(data), destroy()}
//     data = {x: [...], equity: [...] (SOL), xLabel?, halt?: {x, text}, ruin?: {x, text}}
//   options: {title?, height? (CSS pixels when the canvas' box has none)}
// Both draw to the canvas' CSS box at devicePixelRatio, redraw when the box changes, zoom on x
// (wheel, or drag a range; double-click resets) and may be updated any number of times.
// window.__replayerChartErrors lists every error (a chart's, or the page's); window.__replayerChartsDrawn
// counts the charts that have drawn at least once.
(function () {
  'use strict';
  const errors = (window.__replayerChartErrors = window.__replayerChartErrors || []);
  window.__replayerChartsDrawn = window.__replayerChartsDrawn || 0;
  window.addEventListener('error', (e) => errors.push(String(e.message || e)));

  const font = '11px sans-serif';
  const colours = {axis: '#57606a', grid: '#eaeef2', text: '#24292f', price: '#24292f', rug: '#cf222e',
                   window: 'rgba(130, 80, 223, 0.13)', equity: '#0969da', drawdown: '#cf222e',
                   ddFill: 'rgba(207, 34, 46, 0.15)', halt: '#9a6700', peak: '#1a7f37'};
  // A shape and a colour per marker kind, and the legend's words.
  const markerKinds = {
    buy: {shape: 'up', colour: '#1a7f37', label: 'buy'},
    sell: {shape: 'down', colour: '#0969da', label: 'sell'},
    sidebet: {shape: 'diamond', colour: '#8250df', label: 'sidebet placed'},
    sidebet_won: {shape: 'circle', colour: '#bf8700', label: 'sidebet won'},
    sidebet_lost: {shape: 'cross', colour: '#6e7781', label: 'sidebet lost'},
    liquidation: {shape: 'square', colour: '#cf222e', label: 'liquidation'},
  };
  const gameColours = ['#24292f', '#0969da', '#bc4c00', '#1a7f37', '#8250df', '#6e7781'];

  function record(where, e) {
    errors.push(where + ': ' + (e && e.stack ? e.stack : String(e)));
  }

  // "Nice" linear ticks: steps of 1, 2 or 5 x 10^k, about `count` of them over [lo, hi].
  function linearTicks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    const raw = (hi - lo) / Math.max(1, count);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.75) || 10 * power;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  // Log-scale ticks: 1, 2, 5 x 10^k within [lo, hi]; every integer mantissa when that gives too few.
  function logTicks(lo, hi) {
    const pick = (mantissas) => {
      const out = [];
      for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); ++k)
        for (const m of mantissas) {
          const v = m * Math.pow(10, k);
          if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
        }
      return out;
    };
    let ticks = pick([1, 2, 5]);
    if (ticks.length < 3) ticks = pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    if (ticks.length < 2) ticks = [lo, hi];
    return ticks;
  }

  function number(v) {
    const a = Math.abs(v);
    if (a === 0) return '0';
    if (a >= 1000) return v.toFixed(0);
    if (a >= 1) return String(+v.toPrecision(4));
    return String(+v.toPrecision(3));
  }

  function drawShape(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === 'up') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath(); ctx.fill();
    } else if (shape === 'down') {
      ctx.moveTo(x, y + r); ctx.lineTo(x + r, y - r * 0.8); ctx.lineTo(x - r, y - r * 0.8); ctx.closePath(); ctx.fill();
    } else if (shape === 'diamond') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); ctx.fill();
    } else if (shape === 'circle') {
      ctx.arc(x, y, r * 0.85, 0, 2 * Math.PI); ctx.fill();
    } else if (shape === 'cross') {
      ctx.lineWidth = 2;
      ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); ctx.stroke();
    } else {
      ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6); ctx.fill();
    }
  }

  // A legend row at the top: [{label, draw(ctx, x, y)}], left to right from x.
  function drawLegend(ctx, items, x, y) {
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    for (const item of items) {
      item.draw(ctx, x + 6, y);
      ctx.fillStyle = colours.text;
      ctx.fillText(item.label, x + 15, y);
      x += 24 + ctx.measureText(item.label).width;
    }
  }

  // What both charts share: sizing to the CSS box and devicePixelRatio, x zoom, redraw, errors.
  // `paint(ctx, width, height, view)` draws; `extent()` gives the data's [x0, x1] or null.
  function base(canvas, options, name, paint, extent) {
    const ctx = canvas.getContext('2d');
    const state = {view: null, drag: null, counted: false, destroyed: false};
    const box = {left: 58, right: 58, top: 40, bottom: 34};
    // The canvas' CSS box decides its size. A dimension that no style sets follows the canvas'
    // own pixel size (it changes when the attribute does): then the full width, options.height.
    const free = (dimension) => {
      const client = () => (dimension === 'width' ? canvas.clientWidth : canvas.clientHeight);
      const before = client();
      canvas[dimension] += 7;
      const after = client();
      canvas[dimension] -= 7;
      return after !== before;
    };
    if (free('width')) canvas.style.width = '100%';
    if (free('height')) canvas.style.height = (options.height || 260) + 'px';

    function range() {
      const full = extent();
      if (!full) return null;
      return state.view || full;
    }

    function draw() {
      if (state.destroyed) return;
      try {
        const ratio = window.devicePixelRatio || 1;
        const width = Math.max(100, canvas.clientWidth), height = Math.max(80, canvas.clientHeight);
        if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
          canvas.width = Math.round(width * ratio);
          canvas.height = Math.round(height * ratio);
        }
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, width, height);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
        const view = range();
        const plot = {x: box.left, y: box.top, w: width - box.left - box.right, h: height - box.top - box.bottom};
        if (!view) {
          ctx.fillStyle = colours.axis;
          ctx.font = font;
          ctx.fillText('no data yet', plot.x + 10, plot.y + 20);
        } else {
          paint(ctx, plot, view, width, height);
        }
        if (state.drag && state.drag.to !== null) {
          const a = Math.min(state.drag.from, state.drag.to), b = Math.max(state.drag.from, state.drag.to);
          ctx.fillStyle = 'rgba(9, 105, 218, 0.12)';
          ctx.fillRect(a, plot.y, b - a, plot.h);
        }
        if (options.title) {
          ctx.fillStyle = colours.text;
          ctx.font = 'bold 12px sans-serif';
          ctx.textBaseline = 'alphabetic';
          ctx.textAlign = 'left';
          ctx.fillText(options.title, 4, 12);
        }
        if (view && !state.counted) {
          state.counted = true;
          window.__replayerChartsDrawn += 1;
        }
      } catch (e) {
        record(name, e);
      }
    }

    // Canvas x (CSS pixels) to data x under the current view.
    function toData(px) {
      const view = range();
      const w = canvas.clientWidth - box.left - box.right;
      return view[0] + ((px - box.left) / w) * (view[1] - view[0]);
    }
    function offsetX(e) {
      return e.clientX - canvas.getBoundingClientRect().left;
    }
    function setView(a, b) {
      const full = extent();
      if (!full) return;
      const lo = Math.max(full[0], Math.min(a, b)), hi = Math.min(full[1], Math.max(a, b));
      state.view = hi - lo > (full[1] - full[0]) * 1e-4 && (lo > full[0] || hi < full[1]) ? [lo, hi] : null;
      draw();
    }

    const handlers = {
      wheel(e) {
        if (!range()) return;
        e.preventDefault();
        const view = range(), at = toData(offsetX(e)), f = e.deltaY > 0 ? 1.25 : 0.8;
        setView(at - (at - view[0]) * f, at + (view[1] - at) * f);
      },
      mousedown(e) {
        if (range()) state.drag = {from: offsetX(e), to: null};
      },
      mousemove(e) {
        if (!state.drag) return;
        state.drag.to = offsetX(e);
        draw();
      },
      mouseup(e) {
        const drag = state.drag;
        state.drag = null;
        if (drag && drag.to !== null && Math.abs(offsetX(e) - drag.from) > 4) setView(toData(drag.from), toData(offsetX(e)));
        else draw();
      },
      mouseleave() {
        if (state.drag) {
          state.drag = null;
          draw();
        }
      },
      dblclick() {
        state.view = null;
        draw();
      },
    };
    const guarded = {};
    for (const [event, f] of Object.entries(handlers)) {
      guarded[event] = (e) => {
        try {
          f(e);
        } catch (err) {
          record(name + ' ' + event, err);
        }
      };
      canvas.addEventListener(event, guarded[event], event === 'wheel' ? {passive: false} : undefined);
    }
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => draw()) : null;
    if (resize) resize.observe(canvas);

    return {
      draw,
      destroy() {
        state.destroyed = true;
        if (resize) resize.disconnect();
        for (const [event, f] of Object.entries(guarded)) canvas.removeEventListener(event, f);
      },
    };
  }

  function xAxis(ctx, plot, view, xOf, label) {
    ctx.font = font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of linearTicks(view[0], view[1], Math.max(2, Math.floor(plot.w / 90)))) {
      const x = xOf(v);
      ctx.strokeStyle = colours.grid;
      ctx.beginPath(); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); ctx.stroke();
      ctx.fillStyle = colours.axis;
      ctx.fillText(number(v), x, plot.y + plot.h + 4);
    }
    ctx.fillText(label, plot.x + plot.w / 2, plot.y + plot.h + 18);
    ctx.strokeStyle = colours.axis;
    ctx.strokeRect(plot.x, plot.y, plot.w, plot.h);
  }

  function yAxis(ctx, plot, ticks, yOf, text, side) {
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = side === 'right' ? 'left' : 'right';
    const x = side === 'right' ? plot.x + plot.w + 4 : plot.x - 4;
    for (const v of ticks) {
      const y = yOf(v);
      if (y < plot.y - 1 || y > plot.y + plot.h + 1) continue;
      if (side !== 'right') {
        ctx.strokeStyle = colours.grid;
        ctx.beginPath(); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); ctx.stroke();
      }
      ctx.fillStyle = colours.axis;
      ctx.fillText(text(v), x, y);
    }
  }

  // The first index with xs[i] >= v (xs ascending).
  function lowerBound(xs, v) {
    let lo = 0, hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // A series from index a to b (inclusive), clipped to the plot by the caller's clip.
  function line(ctx, xs, ys, a, b, xOf, yOf) {
    ctx.beginPath();
    for (let i = a; i <= b; ++i) {
      const x = xOf(xs[i]), y = yOf(ys[i]);
      if (i === a) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }

  function clip(ctx, plot) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
  }

  function price(canvas, options) {
    options = options || {};
    let data = {games: []};
    const games = () => (data && Array.isArray(data.games) ? data.games : []);

    function extent() {
      let lo = Infinity, hi = -Infinity;
      for (const g of games()) {
        const ticks = g.ticks || [];
        if (ticks.length) {
          lo = Math.min(lo, ticks[0]);
          hi = Math.max(hi, ticks[ticks.length - 1]);
        }
        if (g.rugTick != null) hi = Math.max(hi, g.rugTick);
        for (const m of g.markers || []) {
          lo = Math.min(lo, m.tick);
          hi = Math.max(hi, m.tick);
        }
      }
      if (!(hi >= lo)) return null;
      return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
    }

    function paint(ctx, plot, view) {
      const xOf = (v) => plot.x + ((v - view[0]) / (view[1] - view[0])) * plot.w;
      // The y range: prices and markers within the view, on a log scale.
      let lo = Infinity, hi = -Infinity;
      for (const g of games()) {
        const ticks = g.ticks || [], prices = g.prices || [];
        const a = Math.max(0, lowerBound(ticks, view[0]) - 1), b = Math.min(ticks.length - 1, lowerBound(ticks, view[1]));
        for (let i = a; i <= b; ++i)
          if (prices[i] > 0) {
            lo = Math.min(lo, prices[i]);
            hi = Math.max(hi, prices[i]);
          }
        for (const m of g.markers || [])
          if (m.tick >= view[0] && m.tick <= view[1] && m.price > 0) {
            lo = Math.min(lo, m.price);
            hi = Math.max(hi, m.price);
          }
      }
      if (!(hi >= lo)) {
        lo = 1;
        hi = 2;
      }
      const top = Math.log10(hi * 1.08), bottom = Math.log10(lo / 1.08);
      const yOf = (v) => plot.y + plot.h - ((Math.log10(v) - bottom) / (top - bottom)) * plot.h;
      yAxis(ctx, plot, logTicks(lo / 1.08, hi * 1.08), yOf, (v) => number(v) + 'x', 'left');
      ctx.save();
      ctx.translate(12, plot.y + plot.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillStyle = colours.axis;
      ctx.fillText('price (log scale)', 0, 0);
      ctx.restore();

      clip(ctx, plot);
      const present = new Set();
      let windows = false, rug = false;
      games().forEach((g) => {
        for (const w of g.sidebetWindows || []) {
          ctx.fillStyle = colours.window;
          ctx.fillRect(xOf(w[0]), plot.y, Math.max(1, xOf(w[1]) - xOf(w[0])), plot.h);
          windows = true;
        }
      });
      games().forEach((g, n) => {
        const ticks = g.ticks || [], prices = g.prices || [];
        if (ticks.length) {
          const a = Math.max(0, lowerBound(ticks, view[0]) - 1), b = Math.min(ticks.length - 1, lowerBound(ticks, view[1]));
          ctx.strokeStyle = gameColours[n % gameColours.length];
          ctx.lineWidth = 1.3;
          if (b >= a) line(ctx, ticks, prices, a, b, xOf, (v) => yOf(Math.max(v, 1e-12)));
        }
        if (g.rugTick != null) {
          ctx.strokeStyle = colours.rug;
          ctx.lineWidth = 1.5;
          ctx.setLineDash([5, 3]);
          ctx.beginPath(); ctx.moveTo(xOf(g.rugTick), plot.y); ctx.lineTo(xOf(g.rugTick), plot.y + plot.h); ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = colours.rug;
          ctx.textAlign = 'right';
          ctx.textBaseline = 'top';
          ctx.fillText('rug ' + g.rugTick, xOf(g.rugTick) - 3, plot.y + 3);
          rug = true;
        }
      });
      for (const g of games())
        for (const m of g.markers || []) {
          const kind = markerKinds[m.kind];
          if (!kind || !(m.price > 0)) continue;
          present.add(m.kind);
          ctx.fillStyle = ctx.strokeStyle = kind.colour;
          drawShape(ctx, kind.shape, xOf(m.tick), yOf(m.price), 5);
        }
      ctx.restore();
      ctx.lineWidth = 1;
      xAxis(ctx, plot, view, xOf, 'tick');

      const legend = [];
      if (games().length > 1)
        games().forEach((g, n) => legend.push({label: String(g.id), draw: (c, x, y) => swatch(c, x, y, gameColours[n % gameColours.length])}));
      else legend.push({label: 'price', draw: (c, x, y) => swatch(c, x, y, colours.price)});
      if (rug) legend.push({label: 'rug', draw: (c, x, y) => swatch(c, x, y, colours.rug, true)});
      if (windows) legend.push({label: 'sidebet window', draw: (c, x, y) => { c.fillStyle = '#d8c8f5'; c.fillRect(x - 5, y - 5, 10, 10); }});
      for (const [key, kind] of Object.entries(markerKinds))
        if (present.has(key))
          legend.push({label: kind.label, draw: (c, x, y) => { c.fillStyle = c.strokeStyle = kind.colour; drawShape(c, kind.shape, x, y, 4.5); }});
      drawLegend(ctx, legend, plot.x, 27);
    }

    const chart = base(canvas, options, 'price chart', paint, extent);
    return {
      update(next) {
        try {
          data = next || {games: []};
          chart.draw();
        } catch (e) {
          record('price chart update', e);
        }
      },
      destroy: chart.destroy,
    };
  }

  function swatch(ctx, x, y, colour, dashed) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(dashed ? [3, 2] : []);
    ctx.beginPath(); ctx.moveTo(x - 6, y); ctx.lineTo(x + 6, y); ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
  }

  // The running peak, the drawdown from it (SOL and %), and the deepest drawdown's peak and trough.
  function drawdowns(equity) {
    const sol = new Array(equity.length), pct = new Array(equity.length);
    let peak = -Infinity, peakAt = 0, worst = {depth: 0, peak: -1, trough: -1};
    for (let i = 0; i < equity.length; ++i) {
      if (equity[i] > peak) {
        peak = equity[i];
        peakAt = i;
      }
      sol[i] = equity[i] - peak;
      pct[i] = peak > 0 ? (sol[i] / peak) * 100 : 0;
      if (-sol[i] > worst.depth) worst = {depth: -sol[i], peak: peakAt, trough: i};
    }
    return {sol, pct, worst};
  }

  function equity(canvas, options) {
    options = options || {};
    let data = {x: [], equity: []};
    let derived = drawdowns([]);
    const xs = () => (data && Array.isArray(data.x) ? data.x : []);
    const ys = () => (data && Array.isArray(data.equity) ? data.equity : []);

    function extent() {
      const x = xs();
      if (!x.length) return null;
      return x[x.length - 1] > x[0] ? [x[0], x[x.length - 1]] : [x[0] - 1, x[0] + 1];
    }

    function paint(ctx, full, view) {
      const x = xs(), e = ys();
      const xOf = (v) => full.x + ((v - view[0]) / (view[1] - view[0])) * full.w;
      const a = Math.max(0, lowerBound(x, view[0]) - 1), b = Math.min(x.length - 1, lowerBound(x, view[1]));
      // Equity on top (60 %), drawdown below, one x axis.
      const gap = 16;
      const top = {x: full.x, y: full.y, w: full.w, h: (full.h - gap) * 0.6};
      const low = {x: full.x, y: top.y + top.h + gap, w: full.w, h: (full.h - gap) * 0.4};
      let lo = Infinity, hi = -Infinity, ddLo = 0, ddPctLo = 0;
      for (let i = a; i <= b; ++i) {
        lo = Math.min(lo, e[i]);
        hi = Math.max(hi, e[i]);
        ddLo = Math.min(ddLo, derived.sol[i]);
        ddPctLo = Math.min(ddPctLo, derived.pct[i]);
      }
      if (!(hi > lo)) {
        const pad = Math.abs(hi) * 0.01 || 0.001;
        lo -= pad;
        hi += pad;
      }
      const margin = (hi - lo) * 0.06;
      const yOf = (v) => top.y + top.h - ((v - (lo - margin)) / (hi - lo + 2 * margin)) * top.h;
      const ddBottom = ddLo < 0 ? ddLo * 1.08 : -1e-9;
      const ddOf = (v) => low.y + (v / ddBottom) * low.h;
      const pctBottom = ddPctLo < 0 ? ddPctLo * 1.08 : -1e-9;
      const pctOf = (v) => low.y + (v / pctBottom) * low.h;

      yAxis(ctx, top, linearTicks(lo - margin, hi + margin, Math.max(3, Math.floor(top.h / 25))), yOf, number, 'left');
      yAxis(ctx, low, linearTicks(ddBottom, 0, Math.max(2, Math.floor(low.h / 30))), ddOf, number, 'left');
      yAxis(ctx, low, linearTicks(pctBottom, 0, Math.max(2, Math.floor(low.h / 30))), pctOf, (v) => number(v) + ' %', 'right');
      ctx.save();
      ctx.fillStyle = colours.axis;
      ctx.textAlign = 'center';
      ctx.translate(12, top.y + top.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('equity (SOL)', 0, 0);
      ctx.restore();
      ctx.save();
      ctx.fillStyle = colours.axis;
      ctx.textAlign = 'center';
      ctx.translate(12, low.y + low.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('drawdown', 0, 0);
      ctx.restore();

      if (b >= a) {
        clip(ctx, top);
        ctx.strokeStyle = colours.equity;
        ctx.lineWidth = 1.4;
        line(ctx, x, e, a, b, xOf, yOf);
        ctx.restore();
        clip(ctx, low);
        ctx.fillStyle = colours.ddFill;
        ctx.beginPath();
        ctx.moveTo(xOf(x[a]), ddOf(0));
        for (let i = a; i <= b; ++i) ctx.lineTo(xOf(x[i]), ddOf(derived.sol[i]));
        ctx.lineTo(xOf(x[b]), ddOf(0));
        ctx.closePath();
        ctx.fill();
        ctx.strokeStyle = colours.drawdown;
        line(ctx, x, derived.sol, a, b, xOf, ddOf);
        ctx.restore();
      }
      ctx.lineWidth = 1;
      ctx.strokeStyle = colours.axis;
      ctx.strokeRect(top.x, top.y, top.w, top.h);
      xAxis(ctx, low, view, xOf, data.xLabel || 'game');

      // The deepest drawdown: its peak and trough, on the equity line.
      const w = derived.worst;
      const legend = [{label: 'equity', draw: (c, px, py) => swatch(c, px, py, colours.equity)},
                      {label: 'drawdown (SOL left, % right)', draw: (c, px, py) => swatch(c, px, py, colours.drawdown)}];
      ctx.font = font;
      if (w.trough >= 0) {
        clip(ctx, top);
        ctx.fillStyle = colours.peak;
        drawShape(ctx, 'up', xOf(x[w.peak]), yOf(e[w.peak]) - 7, 5);
        ctx.fillStyle = colours.drawdown;
        drawShape(ctx, 'down', xOf(x[w.trough]), yOf(e[w.trough]) + 7, 5);
        ctx.restore();
        legend.push({label: 'peak ' + number(e[w.peak]), draw: (c, px, py) => { c.fillStyle = colours.peak; drawShape(c, 'up', px, py, 4.5); }});
        legend.push({label: 'trough ' + number(e[w.trough]) + ' (-' + number(w.depth) + ' SOL, ' +
                            number(-derived.pct[w.trough]) + ' %)',
                     draw: (c, px, py) => { c.fillStyle = colours.drawdown; drawShape(c, 'down', px, py, 4.5); }});
      }
      for (const [key, label] of [['halt', 'halted'], ['ruin', 'ruined']]) {
        const mark = data[key];
        if (!mark || typeof mark.x !== 'number') continue;
        ctx.strokeStyle = colours.halt;
        ctx.setLineDash([2, 3]);
        ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(xOf(mark.x), top.y); ctx.lineTo(xOf(mark.x), low.y + low.h); ctx.stroke();
        ctx.setLineDash([]);
        ctx.lineWidth = 1;
        ctx.fillStyle = colours.halt;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        ctx.fillText(mark.text || label, xOf(mark.x) + 3, top.y + 3);
        legend.push({label: label, draw: (c, px, py) => swatch(c, px, py, colours.halt, true)});
      }
      drawLegend(ctx, legend, full.x, 27);
    }

    const chart = base(canvas, options, 'equity chart', paint, extent);
    return {
      update(next) {
        try {
          data = next || {x: [], equity: []};
          derived = drawdowns(ys());
          chart.draw();
        } catch (e) {
          record('equity chart update', e);
        }
      },
      destroy: chart.destroy,
    };
  }

  window.ReplayerCharts = {price, equity, markerKinds: Object.keys(markerKinds)};
})();
