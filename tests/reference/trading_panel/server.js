#!/usr/bin/env node
// The test trading page's server, for the browser tests (tests/unit/browser_panel_test.cpp):
// serves index.html, panel.js and panel.css on 127.0.0.1 and runs a socket.io v4 server
// (npm socket.io, pinned in ../socketio_server/package.json; resolved through NODE_PATH) that the
// page connects to, WebSocket transport only. It plays the game's server for one wallet:
//   - on connect: gameStateUpdate {price, tickCount, active} and playerUpdate {cash,
//     positionQty, avgCost, totalInvested}; then gameStateUpdate every --tick-ms at the one fixed
//     price (tickCount going up);
//   - buyOrder {amount}: spends `amount` SOL at the price (positionQty += amount / price, the
//     average cost and totalInvested follow), answers playerUpdate;
//   - sellOrder {percentage}: sells that share of the position at the price, answers playerUpdate;
//   - sidebetOrder {amount}: the stake leaves the cash, answers playerUpdate with sideBet {betSize} (the real server's name);
//   - an order that cannot be filled (no amount, more than the cash, nothing to sell) is answered
//     with orderRejected {event, reason} and the account as it is.
// GET /log is JSON {connections, received: [{event, data}], sent: [{event, data}]}: everything the
// page sent, in order, and every playerUpdate / orderRejected answered.
//   node server.js [--port N] [--price P] [--cash C] [--tick-ms N]
// Prints `listening PORT` on stdout once it accepts connections; exits on SIGTERM or SIGINT.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { Server } = require('socket.io');

function usage(message) {
  process.stderr.write(`server.js: ${message}\nusage: node server.js [--port N] [--price P] [--cash C] [--tick-ms N]\n`);
  process.exit(2);
}

const options = { port: 0, price: 1.25, cash: 1, 'tick-ms': 250 };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const m = /^--(.+)$/.exec(args[i]);
  if (!m || !(m[1] in options) || i + 1 >= args.length || !/^\d+(\.\d+)?$/.test(args[i + 1])) usage(`bad option ${args[i]}`);
  options[m[1]] = Number(args[i + 1]);
}

const files = { '/': 'index.html', '/index.html': 'index.html', '/panel.js': 'panel.js', '/panel.css': 'panel.css' };
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const log = { connections: 0, received: [], sent: [] };
const account = { cash: options.cash, positionQty: 0, avgCost: 0, totalInvested: 0 };
let tickCount = 0;

const httpServer = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/log') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(log));
    return;
  }
  const file = files[url.pathname];
  if (req.method !== 'GET' || !file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`not found: ${req.method} ${url.pathname}\n`);
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)], 'cache-control': 'no-store' });
  res.end(fs.readFileSync(path.join(__dirname, file)));
});

const io = new Server(httpServer, { transports: ['websocket'] });

// Money as the real server sends it: plain numbers (doubles), rounded to 9 decimals.
const round = (x) => Math.round(x * 1e9) / 1e9;

function answer(socket, event, data) {
  log.sent.push({ event, data });
  socket.emit(event, data);
}

function playerUpdate(socket, extra) {
  answer(socket, 'playerUpdate', { cash: round(account.cash), positionQty: round(account.positionQty),
                                   avgCost: round(account.avgCost), totalInvested: round(account.totalInvested), ...extra });
}

function reject(socket, event, reason) {
  answer(socket, 'orderRejected', { event, reason });
  playerUpdate(socket, {});
}

const handlers = {
  buyOrder(socket, data) {
    const amount = Number(data && data.amount);
    if (!(amount > 0)) return reject(socket, 'buyOrder', `no amount (${JSON.stringify(data)})`);
    if (amount > account.cash + 1e-12) return reject(socket, 'buyOrder', `amount ${amount} is more than the cash ${account.cash}`);
    const qty = amount / options.price;
    account.cash -= amount;
    account.totalInvested += amount;
    account.positionQty += qty;
    account.avgCost = account.totalInvested / account.positionQty;
    playerUpdate(socket, {});
  },
  sellOrder(socket, data) {
    const percentage = Number(data && data.percentage);
    if (![10, 25, 50, 100].includes(percentage)) return reject(socket, 'sellOrder', `percentage ${JSON.stringify(data)}`);
    if (!(account.positionQty > 0)) return reject(socket, 'sellOrder', 'no position to sell');
    const share = percentage / 100;
    const qty = account.positionQty * share;
    account.cash += qty * options.price;
    account.positionQty -= qty;
    account.totalInvested -= account.totalInvested * share;
    if (percentage === 100) Object.assign(account, { positionQty: 0, avgCost: 0, totalInvested: 0 });
    playerUpdate(socket, {});
  },
  sidebetOrder(socket, data) {
    const amount = Number(data && data.amount);
    if (!(amount > 0)) return reject(socket, 'sidebetOrder', `no amount (${JSON.stringify(data)})`);
    if (amount > account.cash + 1e-12) return reject(socket, 'sidebetOrder', `amount ${amount} is more than the cash ${account.cash}`);
    account.cash -= amount;
    playerUpdate(socket, { sideBet: { betSize: amount } });
  },
};

io.on('connection', (socket) => {
  log.connections++;
  socket.emit('gameStateUpdate', { price: options.price, tickCount, active: true });
  playerUpdate(socket, {});
  socket.onAny((event, data) => {
    log.received.push({ event, data });
    if (handlers[event]) handlers[event](socket, data);
  });
});

setInterval(() => io.emit('gameStateUpdate', { price: options.price, tickCount: ++tickCount, active: true }), options['tick-ms']).unref();

httpServer.listen(options.port, '127.0.0.1', () => process.stdout.write(`listening ${httpServer.address().port}\n`));
const stop = () => { io.close(); httpServer.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
