// Issue 14.6, first row: a change made through hub instance A reaches 1,000
// desktops subscribed on instance B (two OS processes on one real
// PostgreSQL), against the same kind of change reaching 1,000 desktops on A
// itself, the instance that made it. Both sets of desktops stay connected
// the whole run, each in a workspace of its own, and the changes alternate
// between the two workspaces, so the machine's state and noise weigh on
// both alike and the ratio is the cross-instance hop alone (NOTIFY, B
// reading the change, B's broadcast). A SQLite hub alone with 1,000
// desktops is measured the same way beside them, for reference.
import WebSocket from 'ws';
import { startPostgresServer } from '../hub/testing/postgres-server';
import type { BenchHubs, RunningHub } from './cluster-hubs';
import { startPostgresHubs, startSqliteHub } from './cluster-hubs';
import type { BenchResult, Scale } from './harness';
import { percentile, result } from './harness';
import { OwnerSocket, PRESENCE_MARK, SUBSCRIBE_FRAME } from './owner-socket';

const CHANGES_MARK = '"type":"changes"';

/** `count` sockets subscribed to `url` as desktops, 50 at a time, each done with its subscribe. */
async function openDesktops(url: string, token: string, count: number): Promise<WebSocket[]> {
  const openOne = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      const onMessage = (data: WebSocket.RawData) => {
        if (!data.toString().includes(PRESENCE_MARK)) return;
        socket.off('message', onMessage);
        resolve(socket);
      };
      socket.on('message', onMessage);
      socket.once('open', () => socket.send(SUBSCRIBE_FRAME));
      socket.once('error', reject);
    });
  const sockets: WebSocket[] = [];
  for (let index = 0; index < count; index += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - index) }, openOne))));
  return sockets;
}

/** A workspace's Owner making changes on one hub, and its desktops on another (or the same). */
interface Side {
  label: string;
  owner: OwnerSocket;
  desktops: WebSocket[];
  latencies: number[];
}

async function side(label: string, hubs: BenchHubs, workspaceIndex: number, ownerOn: RunningHub, desktopsOn: RunningHub, count: number): Promise<Side> {
  const workspace = hubs.workspaces[workspaceIndex];
  if (!workspace) throw new Error(`no workspace ${workspaceIndex}`);
  // Sessions live in the shared store: a token from one instance is good on every other.
  const token = await ownerOn.signIn(workspace.ownerEmail);
  const owner = await OwnerSocket.open(ownerOn.socketUrl(workspace.workspaceId), token);
  const desktops = await openDesktops(desktopsOn.socketUrl(workspace.workspaceId), token, count);
  return { label, owner, desktops, latencies: [] };
}

/** One contact created through the side's Owner; each desktop's latency until its `changes` frame. */
async function timeOneChange(side: Side, index: number): Promise<void> {
  let started = 0;
  let pending = side.desktops.length;
  const arrived = new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${side.label}: ${pending} of ${side.desktops.length} desktops had no change after 30 s`)), 30_000);
    for (const socket of side.desktops) {
      const onMessage = (data: WebSocket.RawData) => {
        if (!data.toString().includes(CHANGES_MARK)) return;
        side.latencies.push(performance.now() - started);
        socket.off('message', onMessage);
        pending -= 1;
        if (pending > 0) return;
        clearTimeout(timeout);
        resolve();
      };
      socket.on('message', onMessage);
    }
  });
  started = performance.now();
  const created = side.owner.mutate('contact.create', { name: `Customer ${index}`, phone: null, email: `customer${index}@bench.example`, assigneeId: null, teamId: null });
  await Promise.all([created, arrived]);
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

function spread(latencies: number[]): Record<string, number> {
  return { p50: round1(percentile(latencies, 0.5)), p95: round1(percentile(latencies, 0.95)), p99: round1(percentile(latencies, 0.99)), worst: round1(Math.max(...latencies)) };
}

function prefixed(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [`${prefix}${name[0]?.toUpperCase()}${name.slice(1)}`, value]));
}

export async function benchCrossInstanceFanOut(scale: Scale): Promise<BenchResult> {
  const count = scale === 'full' ? 1_000 : 20;
  const changes = scale === 'full' ? 30 : 3;
  const server = await startPostgresServer();
  let cluster: BenchHubs | undefined;
  let sqlite: BenchHubs | undefined;
  const sides: Side[] = [];
  try {
    cluster = await startPostgresHubs(server, 'bench_cross_instance', 2, ['Local', 'Remote']);
    sqlite = await startSqliteHub(['Alone']);
    const [instanceA, instanceB] = cluster.hubs;
    const [alone] = sqlite.hubs;
    if (!instanceA || !instanceB || !alone) throw new Error('a hub did not start');
    const local = await side('A to A', cluster, 0, instanceA, instanceA, count);
    sides.push(local);
    const remote = await side('A to B', cluster, 1, instanceA, instanceB, count);
    sides.push(remote);
    const single = await side('SQLite hub alone', sqlite, 0, alone, alone, count);
    sides.push(single);
    // A few changes first on each side, untimed: code compiled, pools and caches warm on every process.
    for (const each of sides) for (let index = 0; index < 3; index += 1) await timeOneChange(each, -index - 1);
    for (const each of sides) each.latencies.length = 0;
    // The order turns every change, so no side always follows the same one.
    for (let index = 0; index < changes; index += 1) {
      for (let turn = 0; turn < sides.length; turn += 1) {
        const each = sides[(index + turn) % sides.length];
        if (each) await timeOneChange(each, index);
      }
    }
    const ours = spread(remote.latencies);
    const baseline = spread(local.latencies);
    return result({
      name: 'cross-instance fan-out',
      metric: `p99 latency of a change made through instance A to ${count} desktops on instance B (${changes} changes)`,
      unit: 'ms',
      ours: ours.p99 ?? 0,
      baseline: baseline.p99 ?? 0,
      baselineName: `the same change reaching ${count} desktops on instance A, which made it (same PostgreSQL)`,
      details: { ...prefixed('ours', ours), ...prefixed('baseline', baseline), ...prefixed('sqliteAlone', spread(single.latencies)) },
    });
  } finally {
    for (const each of sides) {
      each.owner.close();
      for (const socket of each.desktops) socket.terminate();
    }
    await cluster?.stop();
    await sqlite?.stop();
    await server.stop();
  }
}
