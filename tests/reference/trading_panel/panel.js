// The test trading panel: the amount input and its buttons, BUY / SELL with the amount in their
// text, the sell percentages, a sidebet panel that must be opened first, the balance and the
// position, all driven by the server's playerUpdate. Like the real site it re-renders late: a
// click changes the state at once, but the panel's nodes are replaced by new ones
// `rerender` ms later (?rerender=MS, default 40), though never while a button is held down.
// ?dup=buy draws a second BUY (an ambiguous page).
// What the page did is in window.__panel.log: {dir: 'click', control, trusted}, {dir: 'out',
// event, data} for each emit, {dir: 'in', event, data} for each playerUpdate / orderRejected,
// each with `at` (performance.now(), ms).
'use strict';

(function () {
  const params = new URLSearchParams(location.search);
  const rerenderMs = Number(params.get('rerender') || 40);
  const state = {
    millis: 0,            // the amount in thousandths of SOL, exact
    inputText: null,      // what was typed, until the next button press
    percentage: 100,
    sidebetOpen: false,
    account: null,        // the last playerUpdate
    price: null,
    ticks: 0,
    connected: false,
  };
  const entries = [];
  const log = { push: (entry) => entries.push({ ...entry, at: performance.now() }) };
  window.__panel = { log: entries, state };

  const socket = io({ transports: ['websocket'] });
  socket.on('connect', () => { state.connected = true; schedule(); });
  socket.on('disconnect', () => { state.connected = false; schedule(); });
  socket.on('gameStateUpdate', (data) => { state.price = data.price; state.ticks++; });
  socket.on('playerUpdate', (data) => { log.push({ dir: 'in', event: 'playerUpdate', data }); state.account = data; schedule(); });
  socket.on('orderRejected', (data) => log.push({ dir: 'in', event: 'orderRejected', data }));

  const amountText = () => (state.millis / 1000).toFixed(3);
  const emit = (event, data) => { log.push({ dir: 'out', event, data }); socket.emit(event, data); };
  const cash = () => (state.account ? state.account.cash : 0);

  const actions = {
    clear: () => { state.millis = 0; },
    add_0_001: () => { state.millis += 1; },
    add_0_01: () => { state.millis += 10; },
    add_0_1: () => { state.millis += 100; },
    add_1: () => { state.millis += 1000; },
    half: () => { state.millis = Math.floor(state.millis / 2); },
    double: () => { state.millis *= 2; },
    max: () => { state.millis = Math.floor(cash() * 1000 + 1e-6); },
    sell_10: () => { state.percentage = 10; },
    sell_25: () => { state.percentage = 25; },
    sell_50: () => { state.percentage = 50; },
    sell_100: () => { state.percentage = 100; },
    sidebet_open: () => { state.sidebetOpen = true; },
    buy: () => emit('buyOrder', { amount: state.millis / 1000 }),
    sell: () => emit('sellOrder', { percentage: state.percentage }),
    sidebet: () => emit('sidebetOrder', { amount: state.millis / 1000 }),
  };

  // A re-render never falls between a button's press and its release (no page does that to a
  // user); it waits for the release.
  let pending = null;
  let pressed = false;
  document.addEventListener('pointerdown', () => { pressed = true; }, true);
  document.addEventListener('click', () => { pressed = false; }, true);
  document.addEventListener('pointerup', () => setTimeout(() => { pressed = false; }, 0), true);
  function schedule() {
    if (pending !== null) return;
    const later = () => {
      if (pressed) {
        pending = setTimeout(later, 5);
        return;
      }
      pending = null;
      render();
    };
    pending = setTimeout(later, rerenderMs);
  }

  function el(tag, className, children, attributes) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    for (const c of children || []) e.append(c);
    for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
    return e;
  }

  function control(name, tag, className, children, attributes) {
    const e = el(tag, className, children, attributes);
    e.addEventListener('click', (event) => {
      if (e.disabled) return;
      log.push({ dir: 'click', control: name, trusted: event.isTrusted });
      state.inputText = null;
      actions[name]();
      schedule();
    });
    return e;
  }

  const span = (className, text) => el('span', className, [text]);

  function render() {
    const a = state.account || { cash: 0, positionQty: 0, avgCost: 0, totalInvested: 0 };
    const input = el('input', '_betInput_1lj20_12', [], { type: 'text', inputmode: 'decimal', placeholder: 'Amount' });
    input.value = state.inputText !== null ? state.inputText : amountText();
    input.addEventListener('input', () => {
      state.inputText = input.value;
      const m = /^\s*(\d+)(?:\.(\d{1,3}))?\s*$/.exec(input.value);
      if (m) state.millis = Number(m[1]) * 1000 + Number((m[2] || '').padEnd(3, '0'));
      log.push({ dir: 'input', value: input.value, millis: state.millis });
      schedule();
    });
    const increments = [['add_0_001', '+0.001'], ['add_0_01', '+0.01'], ['add_0_1', '+0.1'], ['add_1', '+1'],
                        ['half', '1/2'], ['double', 'X2'], ['max', 'MAX']]
      .map(([name, text]) => control(name, 'button', name === 'max' ? '_controlBtn_73g5s_23 _uppercase_73g5s_40' : '_controlBtn_73g5s_23', [text]));
    const buy = () => control('buy', 'button', '_actionButton_1himf_1 _buy_1himf_114',
                              [span('', 'BUY'), span('_amount_1himf_130', `+${amountText()} SOL`)]);
    const sell = control('sell', 'button', '_actionButton_1himf_1 _sell_1himf_120',
                         [span('', 'SELL'), span('_amount_1himf_130', `-${amountText()} SOL`)]);
    sell.disabled = !(a.positionQty > 0);
    const percentages = [10, 25, 50, 100].map((p) =>
      control(`sell_${p}`, 'button', '_percentageBtn_1hwtp_139' + (state.percentage === p ? ' _active_1hwtp_150' : ''), [`${p}%`]));
    const sidebet = state.sidebetOpen
      ? el('div', '_sidebetPanel_7f3_10', [
          control('sidebet', 'button', '_sidebetButton_7f3_20', [span('', 'SIDEBET'), span('_amount_1himf_130', `+${amountText()} SOL`)]),
          span('_sidebetInfo_7f3_30', a.sideBet ? ` active: ${a.sideBet.betSize} SOL` : ' 5x if it rugs within 40 ticks')])
      : control('sidebet_open', 'div', '_sidebetToggle_7f3_2 _button_7f3_3', ['Side bets']);
    const actionsRow = [el('div', '_buttonSection_1himf_50', [buy()]), el('div', '_buttonSection_1himf_50', [sell])];
    if (params.get('dup') === 'buy') actionsRow.push(el('div', '_buttonSection_1himf_50', [buy()]));

    document.getElementById('panel').replaceChildren(
      el('div', '_row_9xk2a_5', [span('', 'Balance '), el('span', '_balanceValue_4k2_9', [`${a.cash} SOL`]),
                                 span('', ' Position '), el('span', '_positionValue_4k2_12', [`${a.positionQty}`]),
                                 span('_status_4k2_20', state.connected ? ' connected' : ' offline')]),
      el('div', '_row_9xk2a_5 _inputRow_1lj20_5', [input, control('clear', 'button', '_clearButton_1lj20_77', ['X']),
                                                   el('div', '_inputActions_1lj20_80', increments)]),
      el('div', '_row_9xk2a_5 _buttonsRow_1himf_40', actionsRow),
      el('div', '_row_9xk2a_5 _sellControlButtonsContainer_1hwtp_130', percentages),
      el('div', '_row_9xk2a_5', [sidebet]));
  }

  render();
})();
