#!/usr/bin/env node
// Compares what `replayer record` wrote with what server.js sent, tick for tick, for
// tests/e2e/socketio_interop.sh.
//   node check.js CAPTURE.jsonl RECORDED_DIR
// What was sent: the capture's gameStateUpdate payloads, each as socket.io put it on the wire
// (JSON.stringify of JSON.parse of the line's data: numbers went through doubles). What must have
// been recorded (docs/live-feed.md): one tick per payload whose tickCount is above the last one
// of its game, in order; the others (the connect snapshot) are dropped. Numbers are compared as
// texts, read without a double: the recorded tick index, price and trade count must be the texts
// that were sent, and those must be the capture's own texts.
// Prints one summary line; exit 1 with the differences listed when anything differs.
'use strict';

const fs = require('fs');
const path = require('path');

// JSON with numbers kept as their text: { raw: "1.0615..." }.
function parseRaw(text) {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (what) => { throw new Error(`${what} at byte ${i}`); };
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; const o = {}; ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws(); if (text[i] !== '"') fail('expected a key');
        const k = string(); ws();
        if (text[i++] !== ':') fail('expected :');
        o[k] = value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === '}') return o;
        fail('expected , or }');
      }
    }
    if (c === '[') {
      i++; const a = []; ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value()); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] === ']') return a;
        fail('expected , or ]');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) fail('unexpected character');
    i += m[0].length;
    return { raw: m[0] };
  }
  function string() {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i++ >= text.length) fail('unterminated string');
    return JSON.parse(text.slice(start, i));
  }
  const v = value(); ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const [capture, recordedDir] = process.argv.slice(2);
if (!capture || !recordedDir) {
  process.stderr.write('usage: node check.js CAPTURE.jsonl RECORDED_DIR\n');
  process.exit(2);
}

// What was sent and what must be recorded.
const expected = [];
const last = new Map();
let updates = 0, dropped = 0, textChanged = 0;
const problems = [];
lines(capture).forEach((line, n) => {
  const o = JSON.parse(line);
  if (o.event_type !== 'gameStateUpdate') return;
  updates++;
  const raw = parseRaw(line).data;
  const sent = parseRaw(JSON.stringify(o.data));  // socket.io-parser writes JSON.stringify(data)
  for (const key of ['price', 'tickCount', 'tradeCount']) {
    if (raw[key] && sent[key].raw !== raw[key].raw) {
      textChanged++;
      problems.push(`capture line ${n + 1}: ${key} ${raw[key].raw} went on the wire as ${sent[key].raw}`);
    }
  }
  const tick = Number(sent.tickCount.raw);
  const game = sent.gameId;
  if (last.has(game) && tick <= last.get(game)) { dropped++; return; }
  last.set(game, tick);
  expected.push({ line: n + 1, game, tick: sent.tickCount.raw, price: sent.price.raw,
                  tradeCount: sent.tradeCount ? sent.tradeCount.raw : null });
});

// What was recorded: every tick line of every file, files in name order.
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.jsonl')) files.push(p);
  }
})(recordedDir);
files.sort();
const recorded = [];
for (const file of files) {
  lines(file).forEach((line, n) => {
    const o = parseRaw(line);
    if (o.type === 'tick') {
      recorded.push({ where: `${path.basename(file)}:${n + 1}`, game: o.game_id, tick: o.tick.raw,
                      price: o.price.raw, tradeCount: o.trade_count ? o.trade_count.raw : null });
    }
  });
}

if (recorded.length !== expected.length) {
  problems.push(`${recorded.length} ticks recorded, ${expected.length} expected`);
}
let same = 0;
for (let k = 0; k < Math.min(recorded.length, expected.length); k++) {
  const r = recorded[k], e = expected[k];
  const diffs = [];
  if (r.game !== e.game) diffs.push(`game ${r.game}, sent ${e.game}`);
  if (r.tick !== e.tick) diffs.push(`tick ${r.tick}, sent ${e.tick}`);
  if (r.price !== e.price) diffs.push(`price ${r.price}, sent ${e.price}`);
  if (e.tradeCount !== null && r.tradeCount !== e.tradeCount) diffs.push(`trade_count ${r.tradeCount}, sent ${e.tradeCount}`);
  if (diffs.length) problems.push(`tick ${k + 1} (${r.where}; capture line ${e.line}): ${diffs.join('; ')}`);
  else same++;
}

const first = expected.length ? expected[0].tick : '-';
const lastTick = expected.length ? expected[expected.length - 1].tick : '-';
console.log(`check: ${updates} gameStateUpdate sent, ${expected.length} ticks expected (${first}..${lastTick}, ` +
            `${dropped} dropped as out of order), ${recorded.length} recorded in ${files.length} files, ` +
            `${same} identical (game, tick, price text, trade count); ${textChanged} number texts changed on the wire`);
if (problems.length) {
  for (const p of problems.slice(0, 30)) console.log(`check: ${p}`);
  if (problems.length > 30) console.log(`check: ... ${problems.length - 30} more`);
  process.exit(1);
}
