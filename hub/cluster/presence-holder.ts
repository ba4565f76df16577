// Tests: a hub instance as a process of its own that holds presence for one
// member, so a test can kill -9 it the way a machine is lost. Run with the
// tsx loader: node --import tsx presence-holder.ts <database url> <member id> <lease ms> <renew ms>
// It prints "holding <instance name>" once its lease is in the table.
import pino from 'pino';
import { PresenceRegistry } from '../server/presence';
import { joinCluster } from './hub-cluster';
import { newInstanceName } from './instance-name';

const [connectionString, memberId, leaseMs, renewEveryMs] = process.argv.slice(2);
if (!connectionString || !memberId || !leaseMs || !renewEveryMs) throw new Error('usage: presence-holder <database url> <member id> <lease ms> <renew ms>');

const presence = new PresenceRegistry();
const instanceName = newInstanceName();
const cluster = await joinCluster({
  connectionString,
  instanceName,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  presenceLeaseTimes: { leaseMs: Number(leaseMs), renewEveryMs: Number(renewEveryMs) },
  hooks: {
    deliver: () => Promise.resolve(),
    workspaces: () => Promise.resolve([]),
    closeSessions: () => undefined,
    sendToMembers: () => undefined,
    presence,
    tellPresence: () => undefined,
  },
});
presence.connect(memberId);
while (!(await cluster.presenceLeases.heldLeases()).includes(memberId)) await new Promise((resolve) => setTimeout(resolve, 10));
process.stdout.write(`holding ${instanceName}\n`);
// Holds until killed; a plain SIGTERM gives the lease back as a stopping hub does.
process.once('SIGTERM', () => void cluster.close().then(() => process.exit(0)));
setInterval(() => undefined, 60_000);
