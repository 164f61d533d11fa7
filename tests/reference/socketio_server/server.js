#!/usr/bin/env node
// A real socket.io v4 server (npm socket.io, pinned in package.json) that replays a feed capture,
// for tests/e2e/socketio_interop.sh.
//   node server.js CAPTURE.jsonl [--interval-ms N] [--ping-interval-ms N] [--ping-timeout-ms N]
// Listens on 127.0.0.1, on a free port, WebSocket transport only (our client upgrades at once:
// /socket.io/?EIO=4&transport=websocket&frontend-version=1.0). To the first client that connects
// to the default namespace it emits every line of the capture in order as a real event:
// `gameStateUpdate` with its payload object (JSON.parse of the line's data), multi-argument
// events (`standard/newTrade`, ... whose data is the argument array) with their arguments spread.
// Then it keeps the connection open, heartbeat running, until it is killed.
// stdout, one line each (the test reads them):
//   port N
//   connect N transport=websocket eio=4 frontend-version=1.0
//   sent E events (G gameStateUpdate)     when the last frame was handed to the kernel
//   done
//   disconnect N reason=... pongs=P client-packets: pong=P close=1 ...
//                                         (pongs: heartbeat answers; all Engine.IO packets the
//                                         client sent after its namespace connect, by type)
//   websocket-close N code=C              (the WebSocket close code the server got)
'use strict';

const fs = require('fs');
const http = require('http');
const { Server } = require('socket.io');

function usage(message) {
  process.stderr.write(`server.js: ${message}\n` +
    'usage: node server.js CAPTURE.jsonl [--interval-ms N] [--ping-interval-ms N] [--ping-timeout-ms N]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let capture = null;
const options = { 'interval-ms': 0, 'ping-interval-ms': 25000, 'ping-timeout-ms': 20000 };
for (let i = 0; i < args.length; i++) {
  const m = /^--(.+)$/.exec(args[i]);
  if (m) {
    if (!(m[1] in options) || i + 1 >= args.length || !/^\d+$/.test(args[i + 1])) usage(`bad option ${args[i]}`);
    options[m[1]] = Number(args[++i]);
  } else if (capture === null) {
    capture = args[i];
  } else {
    usage(`unexpected argument ${args[i]}`);
  }
}
if (capture === null) usage('no capture file');

const events = fs.readFileSync(capture, 'utf8').split('\n').filter((l) => l.trim() !== '').map((line, i) => {
  const o = JSON.parse(line);
  if (typeof o.event_type !== 'string' || !('data' in o)) usage(`${capture}:${i + 1}: not an event line`);
  return { name: o.event_type, args: o.event_type === 'gameStateUpdate' || !Array.isArray(o.data) ? [o.data] : o.data };
});
const gameStates = events.filter((e) => e.name === 'gameStateUpdate').length;

const out = (line) => process.stdout.write(line + '\n');
const httpServer = http.createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],  // no long-polling: a client must come with transport=websocket
  pingInterval: options['ping-interval-ms'],
  pingTimeout: options['ping-timeout-ms'],
  maxHttpBufferSize: 1e6,
});

let connections = 0;
io.on('connection', (socket) => {
  const n = ++connections;
  const q = socket.handshake.query;
  out(`connect ${n} transport=${socket.conn.transport.name} eio=${q.EIO} frontend-version=${q['frontend-version']}`);
  // Engine.IO packets the client sent after the namespace connect, by type (pong, close, ...).
  const sent = new Map();
  socket.conn.on('packet', (p) => sent.set(p.type, (sent.get(p.type) || 0) + 1));
  socket.on('disconnect', (reason) => {
    const packets = [...sent].map(([type, count]) => `${type}=${count}`).join(' ');
    out(`disconnect ${n} reason=${reason} pongs=${sent.get('pong') || 0} client-packets: ${packets || 'none'}`);
  });
  // How the WebSocket itself ended: 1000 a close frame with "normal", 1005 one without a code,
  // 1006 none at all (the TCP connection just closed).
  socket.conn.transport.socket.on('close', (code) => out(`websocket-close ${n} code=${code}`));
  socket.onAny((name) => out(`client emitted ${name} (a listening client must not)`));
  if (n > 1) return;  // the capture is played once, to the first connection

  // "sent" once engine.io has nothing left to write and ws has handed the last frame to the kernel.
  // (The transport emits 'drain' just before it is writable again: look on the next turn.)
  const whenFlushed = (done) => {
    const c = socket.conn;
    const onDrain = () => setImmediate(check);
    let fired = false;
    const check = () => {
      if (!fired && c.writeBuffer.length === 0 && c.transport.writable) {
        fired = true;
        c.transport.off('drain', onDrain);
        done();
      }
    };
    c.transport.on('drain', onDrain);
    setImmediate(check);
  };
  const finish = () => whenFlushed(() => { out(`sent ${events.length} events (${gameStates} gameStateUpdate)`); out('done'); });
  if (options['interval-ms'] === 0) {
    for (const e of events) socket.emit(e.name, ...e.args);
    finish();
  } else {
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.connected) { clearInterval(timer); return; }
      const e = events[i++];
      socket.emit(e.name, ...e.args);
      if (i === events.length) { clearInterval(timer); finish(); }
    }, options['interval-ms']);
  }
});

httpServer.listen(0, '127.0.0.1', () => out(`port ${httpServer.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { io.close(); process.exit(0); });
