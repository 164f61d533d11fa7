#!/usr/bin/env node
// Reference price paths from the real npm `seedrandom` package and the provably-fair model
// written in JavaScript, the language the server computes it in. Used by
// tests/e2e/fair_reference.sh to check replayer's C++ port bit for bit.
//
//   node paths.js generate OUT.jsonl [FEED.jsonl]
//       Writes a few hundred revealed games {id, serverSeed, serverSeedHash, version, prices,
//       peakMultiplier} across v1, v2 and v3 (prices = the path, then a rug price), chosen to
//       cover god candles, prices above 100 (where v1 and v2 differ), long and non-ASCII seeds.
//       With FEED.jsonl, first checks that this model reproduces the real games in its
//       gameStateUpdate gameHistory (else exits 1): the reference itself is right.
//   node paths.js check REVEALED.seeds.jsonl
//       Recomputes every game of a revealed.seeds.jsonl (as `replayer simulate` writes it) and
//       exits 1 on the first difference.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const seedrandom = require('seedrandom');

const RUG_PROB = 0.005;
const MAX_TICKS = 5000;
const GOD_CANDLE_CHANCE = 0.00001;
const GOD_CANDLE_MOVE = 10;
const BIG_MOVE_CHANCE = 0.125;
const BIG_MOVE_MIN = 0.15;
const BIG_MOVE_MAX = 0.25;
const DRIFT_MIN = -0.02;
const DRIFT_MAX = 0.03;

// One price step. Every rng() is a fresh draw, in this order (established on real games).
function drift(price, version, rng) {
  if (version === 'v3' && rng() < GOD_CANDLE_CHANCE && price <= 100) return price * GOD_CANDLE_MOVE;
  let change;
  if (rng() < BIG_MOVE_CHANCE) {
    const size = BIG_MOVE_MIN + rng() * (BIG_MOVE_MAX - BIG_MOVE_MIN);
    change = rng() > 0.5 ? size : -size;
  } else {
    const d = DRIFT_MIN + rng() * (DRIFT_MAX - DRIFT_MIN);
    const volatility = 0.005 * (version === 'v1' ? Math.sqrt(price) : Math.min(10, Math.sqrt(price)));
    change = d + volatility * (2 * rng() - 1);
  }
  const next = price * (1 + change);
  return next < 0 ? 0 : next;
}

function pricePath(serverSeed, gameId, version) {
  const rng = seedrandom(serverSeed + '-' + gameId);
  let price = 1.0;
  const path = [price];
  for (let tick = 0; tick < MAX_TICKS; tick++) {
    if (rng() < RUG_PROB) break;
    price = drift(price, version, rng);
    path.push(price);
  }
  return path;
}

const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const gameId = (label) => '20251207-' + sha256('id:' + label).slice(0, 16);
const peakOf = (path) => path.reduce((a, b) => (b > a ? b : a), path[0]);

function revealed(serverSeed, id, version) {
  const path = pricePath(serverSeed, id, version);
  const rug = path[path.length - 1] * 0.015;
  return {
    id,
    serverSeed,
    serverSeedHash: sha256(serverSeed),
    version,
    prices: path.concat([rug]),
    peakMultiplier: peakOf(path),
  };
}

function sameArrays(a, b) {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function checkFeed(feedPath) {
  let checked = 0;
  const seen = new Set();
  for (const line of fs.readFileSync(feedPath, 'utf8').split('\n')) {
    if (!line.includes('"gameHistory"')) continue;
    for (const g of JSON.parse(line).data.gameHistory || []) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      const path = pricePath(g.provablyFair.serverSeed, g.id, g.gameVersion);
      if (!sameArrays(path, g.prices.slice(0, -1)) || sha256(g.provablyFair.serverSeed) !== g.provablyFair.serverSeedHash) {
        console.error(`paths.js: the JavaScript model does not reproduce real game ${g.id}`);
        process.exit(1);
      }
      checked++;
    }
  }
  if (checked === 0) {
    console.error(`paths.js: no gameHistory games in ${feedPath}`);
    process.exit(1);
  }
  console.error(`paths.js: the JavaScript model reproduces ${checked} real games bit for bit`);
}

function generate(outPath, feedPath) {
  if (feedPath) checkFeed(feedPath);
  const games = [];
  // Ordinary games for every version.
  for (const version of ['v1', 'v2', 'v3'])
    for (let i = 0; i < 100; i++) games.push(revealed(sha256(`ref:${version}:${i}`), gameId(`${version}:${i}`), version));

  // Rare paths: search candidate seeds for god candles (v3) and prices above 100 (v1 vs v2).
  let godCandles = 0, high = 0;
  for (let i = 0; i < 40000 && (godCandles < 30 || high < 20); i++) {
    const seed = sha256(`rare:${i}`), id = gameId(`rare:${i}`);
    if (godCandles < 30) {
      const p = pricePath(seed, id, 'v3');
      if (p.some((x, k) => k > 0 && x === p[k - 1] * GOD_CANDLE_MOVE)) {
        games.push(revealed(seed, id, 'v3'));
        godCandles++;
      }
    }
    if (high < 20 && peakOf(pricePath(seed, id, 'v1')) > 100) {
      games.push(revealed(seed, id, 'v1'), revealed(seed, id, 'v2'), revealed(seed, id, 'v3'));
      high++;
    }
  }

  // Seeds that exercise seedrandom's key mixing: longer than 256 UTF-16 units, non-ASCII.
  const odd = ['x'.repeat(300), 'abc'.repeat(200) + 'Z', 'é€😀 seed', '\u00ff\u0100', 'a', ''];
  odd.forEach((seed, i) => {
    for (const version of ['v1', 'v2', 'v3']) games.push(revealed(seed + sha256(`odd:${i}`), gameId(`odd:${i}`), version));
  });

  fs.writeFileSync(outPath, games.map((g) => JSON.stringify(g)).join('\n') + '\n');
  console.error(`paths.js: wrote ${games.length} games (${godCandles} with god candles, ${high} seeds above 100) to ${outPath}`);
}

function check(gamesPath) {
  let n = 0;
  for (const line of fs.readFileSync(gamesPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line);
    const path = pricePath(g.serverSeed, g.id, g.version);
    const recorded = g.prices.slice(0, -1);
    if (!sameArrays(path, recorded)) {
      let k = 0;
      while (k < path.length && k < recorded.length && Object.is(path[k], recorded[k])) k++;
      console.error(`paths.js: ${gamesPath}: game ${g.id} (${g.version}): tick ${k}: npm seedrandom gives ${path[k]}, ` +
                    `replayer wrote ${recorded[k]} (${path.length} vs ${recorded.length} path prices)`);
      process.exit(1);
    }
    if (sha256(g.serverSeed) !== g.serverSeedHash) {
      console.error(`paths.js: ${gamesPath}: game ${g.id}: serverSeedHash is not sha256(serverSeed)`);
      process.exit(1);
    }
    n++;
  }
  console.log(`${n} passed, 0 failed`);
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'generate' && a) generate(a, b);
else if (mode === 'check' && a) check(a);
else {
  console.error('usage: node paths.js generate OUT.jsonl [FEED.jsonl] | node paths.js check REVEALED.seeds.jsonl');
  process.exit(2);
}
