// 1. Presence fan-out: one presence change delivered to N authenticated
//    clients, p50/p99 latency, vs a raw `ws` server broadcasting the same
//    payload to N plain clients.
// 2. Memory per idle authenticated connection (0..N clients, fitted) vs a raw
//    `ws` server whose clients exchange the same frames.
import WebSocket from 'ws';
import { MAX_CLIENT_FRAME_BYTES, PROTOCOL_VERSION } from '../shared/protocol';
import type { BenchResult, Scale } from './harness';
import { percentile, result, slope } from './harness';
import type { BenchHub, CollectedMemory } from './servers';
import { collectedMemory, openMany, PASSWORD, startBenchHub, startRawServer } from './servers';

function clientCount(scale: Scale): number {
  return scale === 'full' ? 2_000 : 50;
}

/** Latencies (ms) from `trigger` until each socket's first message matching `isIt`. */
function latencies(sockets: WebSocket[], isIt: (text: string) => boolean, trigger: () => void): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = [];
    let started = 0;
    for (const socket of sockets) {
      const onMessage = (data: WebSocket.RawData) => {
        const text = data.toString();
        if (!isIt(text)) return;
        socket.off('message', onMessage);
        times.push(performance.now() - started);
        if (times.length === sockets.length) resolve(times);
      };
      socket.on('message', onMessage);
    }
    started = performance.now();
    trigger();
  });
}

export async function benchPresenceFanOut(scale: Scale): Promise<BenchResult> {
  const count = clientCount(scale);
  const hub = await startBenchHub();
  const raw = await startRawServer();
  try {
    const clients = await openMany(count, () => {
      const socket = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
      socket.once('open', () => socket.send(JSON.stringify({ id: 's', type: 'subscribe', since: null })));
      return socket;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // A second person signs in elsewhere: one presence change for everyone.
    const invited = await inviteAndAccept(hub, clients[0]);
    const ours = await latencies(clients, (text) => text.includes('"presence"') && text.includes(invited.memberId), () => void openAs(hub, invited.token));
    // Measure the baseline with our clients gone, so both sides share the machine the same way.
    for (const socket of clients) socket.terminate();
    const rawClients = await openMany(count, () => new WebSocket(raw.url));
    const payload = JSON.stringify({ type: 'presence', presence: [{ memberId: invited.memberId, isOnline: true, lastSeenAt: Date.now() }] });
    const trigger = rawClients[0];
    const baseline = await latencies(rawClients, (text) => text === payload, () => trigger?.send(`broadcast:${payload}`));
    for (const socket of rawClients) socket.terminate();
    return result({
      name: 'presence fan-out',
      metric: `p50 latency to ${count} clients`,
      unit: 'ms',
      ours: Math.round(percentile(ours, 0.5) * 10) / 10,
      baseline: Math.round(percentile(baseline, 0.5) * 10) / 10,
      baselineName: 'raw ws broadcast of the same payload',
      details: { oursP99: Math.round(percentile(ours, 0.99) * 10) / 10, baselineP99: Math.round(percentile(baseline, 0.99) * 10) / 10 },
    });
  } finally {
    await hub.stop();
    await raw.stop();
  }
}

async function inviteAndAccept(hub: BenchHub, owner: WebSocket | undefined): Promise<{ memberId: string; token: string }> {
  const reply = await new Promise<{ result: { member: { id: string }; inviteUrl: string } }>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: string };
      if (message.type === 'reply' && message.id === 'invite') {
        owner?.off('message', onMessage);
        resolve(message as never);
      }
    };
    owner?.on('message', onMessage);
    owner?.send(JSON.stringify({ id: 'invite', type: 'member.invite', mutationId: `bench-${Date.now()}`, input: { email: 'second@bench.example', level: 'manager' } }));
  });
  const inviteToken = reply.result.inviteUrl.split('/').pop();
  const response = await fetch(`${hub.hub.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inviteToken, displayName: 'Second', password: PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  return { memberId: reply.result.member.id, token };
}

function openAs(hub: BenchHub, token: string): WebSocket {
  return new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${token}` } });
}

const SUBSCRIBE_FRAME = JSON.stringify({ id: 's', type: 'subscribe', since: null });

/** Opens a socket that sends `first` once open; resolves once it has received `frames` messages. */
function openAndExchange(url: string, headers: Record<string, string>, first: string, frames: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    let received = 0;
    const onMessage = () => {
      received += 1;
      if (received < frames) return;
      socket.off('message', onMessage);
      resolve(socket);
    };
    socket.on('message', onMessage);
    socket.once('open', () => socket.send(first));
    socket.once('error', reject);
  });
}

/** `count` sockets, 50 at a time, each done with its exchange. */
async function openIdle(count: number, open: () => Promise<WebSocket>): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let index = 0; index < count; index += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - index) }, open))));
  return sockets;
}

/**
 * What the hub sends a desktop that subscribes (the snapshot, the reply,
 * the presence list): the frames up to the presence list, on a socket that
 * stays open as the first connection of every step.
 */
async function subscribeFrames(url: string, token: string): Promise<{ socket: WebSocket; frames: string[] }> {
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const frames = await new Promise<string[]>((resolve, reject) => {
    const received: string[] = [];
    socket.on('message', (data) => {
      const text = data.toString();
      received.push(text);
      if ((JSON.parse(text) as { type: string }).type === 'presence') resolve(received);
    });
    socket.once('open', () => socket.send(SUBSCRIBE_FRAME));
    socket.once('error', reject);
  });
  socket.removeAllListeners('message');
  return { socket, frames };
}

/**
 * Both servers with the same `ws` options that matter (no compression, the
 * hub's frame limit), each client exchanging the same frames (the subscribe
 * and what the hub answers it with), both warmed up with a round of clients
 * opened and closed, both read after a full collection, fitted over 0 to N
 * clients. The figure is the live JavaScript heap (what each connection
 * keeps); the resident set is in the details, but at 2,000 clients V8 and
 * malloc giving pages back move it by more than the clients add (bench/README.md).
 */
export async function benchMemoryPerConnection(scale: Scale): Promise<BenchResult> {
  // The smoke size is large enough that a client's few KiB outweigh the heap's noise: at 50 clients a loaded
  // machine once fitted the raw server's slope below zero.
  const steps = scale === 'full' ? [0, 250, 500, 750, 1_000, 1_250, 1_500, 1_750, 2_000] : [0, 100, 200];
  const hub = await startBenchHub(undefined, true);
  const raw = await startRawServer({ maxPayload: MAX_CLIENT_FRAME_BYTES, isMeasured: true });
  const settle = () => new Promise((resolve) => setTimeout(resolve, scale === 'full' ? 1_000 : 200));
  const sockets: WebSocket[] = [];
  try {
    // As the desktop connects: speaking the current protocol (a snapshot streamed in parts).
    const url = `${hub.socketUrl}&v=${PROTOCOL_VERSION}`;
    const probe = await subscribeFrames(url, hub.token);
    const control = await openAndExchange(raw.url, {}, `replies:${JSON.stringify(probe.frames)}`, 1);
    sockets.push(probe.socket, control);
    const oursPoints: Array<[number, CollectedMemory]> = [];
    const rawPoints: Array<[number, CollectedMemory]> = [];
    const authorization = { authorization: `Bearer ${hub.token}` };
    const openOurs = (count: number) => openIdle(count, () => openAndExchange(url, authorization, SUBSCRIBE_FRAME, probe.frames.length));
    const openRaw = (count: number) => openIdle(count, () => openAndExchange(raw.url, {}, SUBSCRIBE_FRAME, probe.frames.length));
    // A first round opened and closed on both: what the first connections cost once (code compiled, caches filled) is not spread over the fit.
    const warmUp = [...(await openOurs(steps[1] ?? 0)), ...(await openRaw(steps[1] ?? 0))];
    await Promise.all(warmUp.map((socket) => new Promise((resolve) => {
      socket.once('close', resolve);
      socket.close();
    })));
    let open = 0;
    for (const target of steps) {
      sockets.push(...(await openOurs(target - open)));
      sockets.push(...(await openRaw(target - open)));
      open = target;
      await settle();
      oursPoints.push([target, await collectedMemory(hub.hub.child)]);
      rawPoints.push([target, await collectedMemory(raw.child)]);
    }
    const fitted = (points: Array<[number, CollectedMemory]>, field: keyof CollectedMemory) => slope(points.map(([x, memory]) => [x, memory[field]])) / 1024;
    const round = (kib: number) => Math.round(kib * 100) / 100;
    const inMiB = (points: Array<[number, CollectedMemory]>) => points.map(([, memory]) => (memory.rss / 1048576).toFixed(1)).join(' ');
    const oursRss = fitted(oursPoints, 'rss');
    const baselineRss = fitted(rawPoints, 'rss');
    return result({
      name: 'memory per idle connection',
      metric: `live heap after a full collection, fitted over 0..${steps.at(-1)} clients`,
      unit: 'KiB',
      ours: round(fitted(oursPoints, 'heapUsed')),
      baseline: round(fitted(rawPoints, 'heapUsed')),
      baselineName: 'raw ws server, same frames exchanged',
      details: {
        oursResidentKiB: round(oursRss),
        baselineResidentKiB: round(baselineRss),
        framesPerSubscribe: probe.frames.length,
        oursResidentStepsMiB: inMiB(oursPoints),
        baselineResidentStepsMiB: inMiB(rawPoints),
      },
    });
  } finally {
    for (const socket of sockets) socket.terminate();
    await hub.stop();
    await raw.stop();
  }
}
