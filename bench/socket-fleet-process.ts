// A child process of the benchmark that holds a share of many client sockets
// (bench/socket-fleet.ts starts several), so the clients' file descriptors
// and event loops are apart from the server's and from the benchmark's own.
// It opens sockets when told, then, when told to watch, notes the moment
// each socket receives the frame being timed and reports those moments.
// A socket that closes or fails while held is reported, never ignored.
import WebSocket from 'ws';
import type { FleetCommand, FleetReport, OpenCommand, WatchCommand } from './socket-fleet-messages';

const BATCH = 50;
const sockets: WebSocket[] = [];

function report(message: FleetReport): void {
  process.send?.(message);
}

function fail(message: string): void {
  console.error(`socket fleet ${process.pid}: ${message}`);
  report({ type: 'failed', message });
}

function openOne(command: OpenCommand): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(command.url, { headers: command.headers, perMessageDeflate: false });
    const onReady = () => {
      socket.off('message', onMessage);
      socket.on('close', (code) => fail(`a held socket closed with ${code}`));
      resolve(socket);
    };
    const onMessage = (data: WebSocket.RawData) => {
      if (command.readyWhen !== null && data.toString().includes(command.readyWhen)) onReady();
    };
    socket.on('message', onMessage);
    socket.once('open', () => {
      if (command.firstFrame !== null) socket.send(command.firstFrame);
      if (command.readyWhen === null) onReady();
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`the server refused a socket with ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

async function open(command: OpenCommand): Promise<void> {
  for (let index = 0; index < command.count; index += BATCH) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, command.count - index) }, () => openOne(command)))));
  }
  report({ type: 'opened', count: sockets.length });
}

function watch(command: WatchCommand): void {
  const times: number[] = [];
  let frame = '';
  const detach: Array<() => void> = [];
  const timeout = setTimeout(() => {
    for (const off of detach) off();
    fail(`${times.length} of ${sockets.length} sockets received the frame within ${command.timeoutMs} ms`);
  }, command.timeoutMs);
  for (const [index, socket] of sockets.entries()) {
    const onMessage = (data: WebSocket.RawData) => {
      const text = data.toString();
      if (!command.containing.every((part) => text.includes(part))) return;
      times.push(Number(process.hrtime.bigint()));
      socket.off('message', onMessage);
      if (index === 0) frame = text;
      if (times.length < sockets.length) return;
      clearTimeout(timeout);
      report({ type: 'arrived', times, frame });
    };
    socket.on('message', onMessage);
    detach.push(() => socket.off('message', onMessage));
  }
  report({ type: 'watching' });
}

function closeAll(): void {
  for (const socket of sockets) {
    // Closed on purpose: no longer a loss to report.
    socket.removeAllListeners('close');
    socket.terminate();
  }
  sockets.length = 0;
  report({ type: 'closed' });
}

process.on('message', (command: FleetCommand) => {
  if (command.type === 'open') open(command).catch((error: unknown) => fail(`opening sockets: ${String(error)}`));
  else if (command.type === 'watch') watch(command);
  else closeAll();
});
report({ type: 'ready' });
// The benchmark going away ends this process too, so no sockets are left behind.
process.on('disconnect', () => process.exit(0));
