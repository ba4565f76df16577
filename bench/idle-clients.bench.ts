// Issue 14.6, second row: one hub instance holding 10,000 idle, signed-in,
// subscribed desktops (their sockets held by child processes apart from the
// hub's, bench/socket-fleet.ts), and a member coming online: how long until
// the presence frame reaches every one of them, against a raw `ws` server
// broadcasting a frame of the same bytes to the same 10,000 clients. The
// hub runs on SQLite: "one instance" is what the issue asks, and on SQLite
// this row is the presence fan-out row (benchmark 1) at five times the
// clients, so the two read together (bench/README.md says why not PostgreSQL).
import WebSocket from 'ws';
import { MAX_CLIENT_FRAME_BYTES, PROTOCOL_VERSION } from '../shared/protocol';
import type { BenchResult, Scale } from './harness';
import { percentile, result } from './harness';
import { inviteMember, OwnerSocket, PRESENCE_MARK, SUBSCRIBE_FRAME } from './owner-socket';
import { PASSWORD, startBenchHub, startRawServer } from './servers';
import type { Arrivals } from './socket-fleet';
import { SocketFleet } from './socket-fleet';

const WATCH_TIMEOUT_MS = 60_000;

/** Milliseconds from `startedNs` (process.hrtime) to each arrival. */
function latenciesSince(startedNs: bigint, arrivals: Arrivals): number[] {
  const started = Number(startedNs);
  return arrivals.times.map((time) => (time - started) / 1e6);
}

function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

function spread(prefix: string, latencies: number[]): Record<string, number> {
  return {
    [`${prefix}P50`]: round1(percentile(latencies, 0.5)),
    [`${prefix}P95`]: round1(percentile(latencies, 0.95)),
    [`${prefix}P99`]: round1(percentile(latencies, 0.99)),
    [`${prefix}Worst`]: round1(Math.max(...latencies)),
  };
}

export async function benchIdleClientsPresence(scale: Scale): Promise<BenchResult> {
  const count = scale === 'full' ? 10_000 : 40;
  // Children holding the clients: a quarter of the machine's sockets each at full size, well within each one's open-file limit.
  const processes = scale === 'full' ? 4 : 2;
  const events = scale === 'full' ? 5 : 2;
  const rounds = scale === 'full' ? 2 : 1;
  const hub = await startBenchHub();
  const raw = await startRawServer({ maxPayload: MAX_CLIENT_FRAME_BYTES });
  const fleet = await SocketFleet.start(processes);
  let owner: OwnerSocket | undefined;
  let trigger: WebSocket | undefined;
  try {
    const hubUrl = `${hub.socketUrl}&v=${PROTOCOL_VERSION}`;
    owner = await OwnerSocket.open(hubUrl, hub.token);
    const member = await inviteMember(owner, hub.hub.url, 'arriving@bench.example', PASSWORD);
    trigger = await openSocket(raw.url, {});
    const online = [`"memberId":"${member.memberId}"`, '"isOnline":true'];
    const offline = [`"memberId":"${member.memberId}"`, '"isOnline":false'];
    const ours: number[] = [];
    const baseline: number[] = [];
    // Each arrival's p99, in the order measured: whether the tail is every event's or a few slow ones'.
    const oursEventP99: number[] = [];
    const baselineEventP99: number[] = [];
    let frame = '';
    for (let round = 0; round < rounds; round += 1) {
      await fleet.open({ url: hubUrl, headers: { authorization: `Bearer ${hub.token}` }, count, firstFrame: SUBSCRIBE_FRAME, readyWhen: PRESENCE_MARK });
      // The first arrival after 10,000 sockets opened is untimed on both sides: code and caches are cold then.
      for (let event = -1; event < events; event += 1) {
        const { arrivals } = await fleet.watch(online, WATCH_TIMEOUT_MS);
        const started = process.hrtime.bigint();
        // The member's desktop connects: the first socket of theirs brings them online for everyone.
        const desktop = await openSocket(hubUrl, { authorization: `Bearer ${member.token}` });
        const arrived = await arrivals;
        frame = arrived.frame;
        if (event >= 0) {
          const latencies = latenciesSince(started, arrived);
          ours.push(...latencies);
          oursEventP99.push(round1(percentile(latencies, 0.99)));
        }
        // Offline again before the next event, everywhere, untimed.
        const { arrivals: gone } = await fleet.watch(offline, WATCH_TIMEOUT_MS);
        desktop.terminate();
        await gone;
      }
      await fleet.closeSockets();
      // The same clients on the raw server, the frame the hub sent byte for byte.
      await fleet.open({ url: raw.url, headers: {}, count, firstFrame: null, readyWhen: null });
      for (let event = -1; event < events; event += 1) {
        const { arrivals } = await fleet.watch(online, WATCH_TIMEOUT_MS);
        const started = process.hrtime.bigint();
        trigger.send(`broadcast:${frame}`);
        const latencies = latenciesSince(started, await arrivals);
        if (event < 0) continue;
        baseline.push(...latencies);
        baselineEventP99.push(round1(percentile(latencies, 0.99)));
      }
      await fleet.closeSockets();
    }
    return result({
      name: '10,000 idle clients',
      metric: `presence fan-out: p99 latency of a member coming online to ${count} idle subscribed desktops held by ${processes} client processes (${events * rounds} arrivals)`,
      unit: 'ms',
      ours: round1(percentile(ours, 0.99)),
      baseline: round1(percentile(baseline, 0.99)),
      baselineName: `raw ws server broadcasting the same ${frame.length}-byte frame to ${count} clients`,
      details: {
        ...spread('ours', ours),
        ...spread('baseline', baseline),
        oursEachP99: oursEventP99.join(' '),
        baselineEachP99: baselineEventP99.join(' '),
        frameBytes: frame.length,
      },
    });
  } finally {
    owner?.close();
    trigger?.terminate();
    await fleet.stop();
    await hub.stop();
    await raw.stop();
  }
}
