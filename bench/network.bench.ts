// 1. Presence fan-out: one presence change delivered to N authenticated
//    clients, p50/p99 latency, vs a raw `ws` server broadcasting the same
//    payload to N plain clients.
// 2. Memory per idle authenticated connection (0..N clients, fitted) vs a raw
//    `ws` server.
import WebSocket from 'ws';
import type { BenchResult, Scale } from './harness';
import { percentile, result, slope } from './harness';
import type { BenchHub } from './servers';
import { openMany, PASSWORD, residentBytes, startBenchHub, startRawServer } from './servers';

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

export async function benchMemoryPerConnection(scale: Scale): Promise<BenchResult> {
  const steps = scale === 'full' ? [0, 500, 1_000, 1_500, 2_000] : [0, 25, 50];
  const hub = await startBenchHub();
  const raw = await startRawServer();
  const settle = () => new Promise((resolve) => setTimeout(resolve, scale === 'full' ? 1_500 : 200));
  try {
    const oursPoints: Array<[number, number]> = [];
    const rawPoints: Array<[number, number]> = [];
    const ours: WebSocket[] = [];
    const plain: WebSocket[] = [];
    for (const target of steps) {
      ours.push(...(await openMany(target - ours.length, () => {
        const socket = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
        socket.once('open', () => socket.send(JSON.stringify({ id: 's', type: 'subscribe', since: null })));
        return socket;
      })));
      plain.push(...(await openMany(target - plain.length, () => new WebSocket(raw.url))));
      await settle();
      oursPoints.push([target, residentBytes(hub.hub.child)]);
      rawPoints.push([target, residentBytes(raw.child)]);
    }
    for (const socket of [...ours, ...plain]) socket.terminate();
    return result({
      name: 'memory per idle connection',
      metric: `fitted over 0..${steps.at(-1)} clients`,
      unit: 'KiB',
      ours: Math.round(slope(oursPoints) / 1024),
      baseline: Math.max(1, Math.round(slope(rawPoints) / 1024)),
      baselineName: 'raw ws server',
      details: { oursAtMaxMiB: Math.round((oursPoints.at(-1)?.[1] ?? 0) / 1048576), baselineAtMaxMiB: Math.round((rawPoints.at(-1)?.[1] ?? 0) / 1048576) },
    });
  } finally {
    await hub.stop();
    await raw.stop();
  }
}

