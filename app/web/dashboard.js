// The dashboard page: one WebSocket to replayer (/ws with the run's token), a state per message,
// drawn as it comes. The viewer's controls send commands on the same socket. No framework.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get('token') || '';
  const chart = ReplayerCharts.price($('price-chart'), {title: 'price (log scale)'});
  let socket = null, retry = 1000, state = null, amountMilli = 10, sellFraction = '1';
  window.__dashboard = {states: 0, seq: -1, state: null};

  function send(command) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(command));
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(scheme + '://' + location.host + '/ws?token=' + encodeURIComponent(token));
    socket.onopen = () => { retry = 1000; };
    socket.onmessage = (m) => {
      state = JSON.parse(m.data);
      render(state);
      window.__dashboard.states += 1;
      window.__dashboard.seq = state.seq;
      window.__dashboard.state = state;
    };
    socket.onclose = () => {
      $('mode').textContent = 'disconnected: retrying';
      $('mode').className = 'badge bad';
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  function rows(table, pairs) {
    table.replaceChildren(...pairs.map(([k, v]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      const td = document.createElement('td');
      th.textContent = k;
      td.textContent = v === null || v === undefined ? '-' : String(v);
      tr.append(th, td);
      return tr;
    }));
  }

  function sol(text) {
    if (text === null || text === undefined) return '-';
    const n = Number(text);
    return Number.isFinite(n) ? n.toFixed(6) : text;
  }

  function walletRows(w) {
    if (!w) return [['wallet', 'no game yet']];
    const out = [['balance', sol(w.balance) + ' SOL'], ['equity', sol(w.equity) + ' SOL'], ['P&L', sol(w.pnl) + ' SOL']];
    out.push(['position', w.position ? sol(w.position.qty) + ' tokens for ' + sol(w.position.invested) + ' SOL (now ' +
              sol(w.position.value) + ')' : 'none']);
    out.push(['sidebet', w.sidebet ? sol(w.sidebet.stake) + ' SOL, ' + w.sidebet.ticksLeft + ' ticks left (to ' + w.sidebet.until + ')'
                                   : 'none']);
    const rails = Object.entries(w.rails || {}).filter(([, v]) => v !== null).map(([k, v]) => k + '=' + v);
    out.push(['rails', rails.length ? rails.join(', ') : 'none set']);
    out.push(['halt', w.halt ? w.halt.rail + ' at tick ' + w.halt.tick + ' (balance ' + sol(w.halt.balance) + ')' : 'no']);
    return out;
  }

  function renderTrades(events) {
    const body = $('trades').tBodies[0];
    body.replaceChildren(...(events || []).slice(-100).reverse().map((e) => {
      const tr = document.createElement('tr');
      for (const v of [e.tick, e.event + (e.reason ? ' (' + e.reason + ')' : ''), sol(e.amount), e.price, sol(e.pnl), sol(e.balance)]) {
        const td = document.createElement('td');
        td.textContent = v === undefined ? '' : v;
        tr.append(td);
      }
      return tr;
    }));
  }

  function renderEvents(events) {
    const filter = $('event-filter').value.trim();
    const shown = (events || []).filter((e) => !filter || e.name.includes(filter));
    $('events').textContent = shown.slice(-60).map((e) => new Date(e.at).toISOString().slice(11, 23) + ' ' + e.name + ' ' + e.payload).join('\n');
  }

  function render(s) {
    $('mode').textContent = s.mode === 'view' ? 'replay viewer' : 'live';
    $('mode').className = 'badge ok';
    $('error').textContent = s.error || '';
    const now = s.now;
    $('game').textContent = now ? now.game : '-';
    $('tick').textContent = now ? now.tick : '-';
    $('price').textContent = now ? now.price : '-';
    $('phase').textContent = now ? now.phase : '-';
    if (s.chart) chart.update(s.chart);
    $('viewer-panel').hidden = s.mode !== 'view';
    $('feed-panel').hidden = s.mode !== 'live';
    $('events-panel').hidden = s.mode !== 'live';
    if (s.mode === 'view') renderViewer(s);
    else renderLive(s);
  }

  function renderLive(s) {
    const f = s.feed;
    $('health').textContent = f.health;
    $('health').className = 'badge ' + (f.health === 'fresh' ? 'ok' : 'bad');
    const feedRows = [['health', f.reason], ['connected', f.connected], ['last frame', f.lastFrameAgeMs < 0 ? 'none' : f.lastFrameAgeMs + ' ms ago'],
                      ['reconnects', f.reconnects], ['ticks', f.ticks + ' (' + f.backfilled + ' backfilled)'],
                      ['gaps', f.gaps + ' (' + f.missingTicks + ' ticks lost)'], ['phase anomalies', f.phaseAnomalies], ['refused', f.refused]];
    const r = s.recorder;
    if (r) feedRows.push(['recorder', r.files + ' files, ' + r.ticks + ' ticks, ' + r.bytes + ' bytes, ' + r.droppedTicks + ' dropped, ' +
                          r.writeErrors + ' write errors' + (r.failure ? ': ' + r.failure : '')]);
    else feedRows.push(['recorder', 'off']);
    rows($('feed'), feedRows);
    const b = s.bot;
    rows($('bot'), b ? [['strategy', b.strategy], ['execution', b.execute]].concat(walletRows(b.wallet)) : [['bot', 'not trading (record)']]);
    renderTrades(s.trades);
    renderEvents(s.events);
  }

  function renderViewer(s) {
    $('health').textContent = s.playing ? 'playing' : 'paused';
    $('health').className = 'badge';
    const files = $('file');
    if (files.options.length !== s.files.length) {
      files.replaceChildren(...s.files.map((name, i) => new Option(name, String(i))));
    }
    files.value = String(s.file);
    $('game-index').max = String(Math.max(0, s.games - 1));
    $('play').textContent = s.playing ? 'pause' : 'play';
    const v = s.viewer || {};
    $('position').textContent = v.position;
    $('lines').textContent = v.lines;
    rows($('bot'), [['strategy', s.strategy], ['hand orders', v.handOrders]].concat(walletRows(v.wallet)));
    renderTrades(v.events);
    $('amount').textContent = (amountMilli / 1000).toFixed(3);
  }

  // ---- the viewer's controls ----------------------------------------------------------------
  function balanceMilli() {
    const w = state && state.viewer && state.viewer.wallet;
    if (!w) return 0;
    const [whole, frac = ''] = String(w.balance).split('.');
    return Number(whole) * 1000 + Number((frac + '000').slice(0, 3));
  }
  function amountText() { return (amountMilli / 1000).toFixed(3); }
  function bet(kind) {
    if (kind === 'clear') amountMilli = 0;
    else if (kind === 'half') amountMilli = Math.floor(amountMilli / 2);
    else if (kind === 'double') amountMilli *= 2;
    else if (kind === 'max') amountMilli = balanceMilli();
    else amountMilli += Number(kind);
    $('amount').textContent = amountText();
  }
  function chooseSell(fraction) {
    sellFraction = fraction;
    for (const b of document.querySelectorAll('[data-sell]')) b.classList.toggle('chosen', b.dataset.sell === fraction);
  }
  const playing = () => state && state.playing;
  const actions = {
    play: () => send({cmd: playing() ? 'pause' : 'play'}),
    back: () => send({cmd: 'step', n: -1}),
    forward: () => send({cmd: 'step', n: 1}),
    restart: () => send({cmd: 'seek', position: 0}),
    buy: () => send({cmd: 'buy', amount: amountText()}),
    sell: () => send({cmd: 'sell', fraction: sellFraction}),
    sidebet: () => send({cmd: 'sidebet', amount: amountText()}),
  };
  for (const [id, f] of Object.entries(actions)) $(id).addEventListener('click', f);
  $('jump-go').addEventListener('click', () => send({cmd: 'seek', position: Number($('jump').value)}));
  $('speed').addEventListener('change', () => send({cmd: 'speed', value: $('speed').value}));
  $('file').addEventListener('change', () => send({cmd: 'open', file: Number($('file').value), game: 0}));
  $('game-index').addEventListener('change', () => send({cmd: 'open', file: Number($('file').value), game: Number($('game-index').value)}));
  for (const b of document.querySelectorAll('[data-bet]')) b.addEventListener('click', () => bet(b.dataset.bet));
  for (const b of document.querySelectorAll('[data-sell]')) b.addEventListener('click', () => chooseSell(b.dataset.sell));
  $('event-filter').addEventListener('input', () => state && renderEvents(state.events));
  const keys = {' ': 'play', b: 'buy', s: 'sell', d: 'sidebet', r: 'restart', ArrowLeft: 'back', ArrowRight: 'forward'};
  document.addEventListener('keydown', (e) => {
    if (!state || state.mode !== 'view' || e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    e.preventDefault();
    actions[action]();
  });
  connect();
})();
