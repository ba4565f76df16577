// 3. First sync of a workspace with 100,000 members into an empty local
//    replica (hub snapshot, wire, replica transaction) vs inserting the same
//    rows with raw better-sqlite3 in one transaction.
// 4. Catch-up after 1,000 missed changes: bytes and time vs a full snapshot.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { NO_RESTRICTIONS } from '../shared/policy';
import { TestCore } from '../electron/core/testing/test-core';
import type { BenchResult, Scale } from './harness';
import { result, timed } from './harness';
import type { BenchHub } from './servers';
import { PASSWORD, startBenchHub } from './servers';

/** Fills the hub's file with members directly, as a large workspace would be. */
export function seedMembers(count: number) {
  return (file: string, workspaceId: string): void => {
    const db = new Database(file);
    const person = db.prepare('insert into people (id, email, display_name, avatar_data_url, password_hash, created_at, updated_at) values (?, ?, ?, null, null, ?, ?)');
    const member = db.prepare(
      "insert into members (id, workspace_id, person_id, level, restrictions, status, team_id, invited_at, invited_by, joined_at, last_seen_at, version) values (?, ?, ?, 'agent', ?, 'active', null, ?, null, ?, ?, 1)",
    );
    const restrictions = JSON.stringify(NO_RESTRICTIONS);
    db.transaction(() => {
      for (let index = 0; index < count; index += 1) {
        person.run(`p${index}`, `person${index}@bench.example`, `Person ${index}`, 1, 1);
        member.run(`m${index}`, workspaceId, `p${index}`, restrictions, 1, 1, 1_700_000_000_000 + index);
      }
    })();
    db.close();
  };
}

export async function benchFirstSync(scale: Scale): Promise<BenchResult> {
  const count = scale === 'full' ? 100_000 : 1_000;
  const hub = await startBenchHub(seedMembers(count));
  const desktop = await TestCore.start();
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-raw-'));
  try {
    const ours = await timed(async () => {
      await desktop.core.signIn(hub.hub.url, 'owner@bench.example', PASSWORD);
      await desktop.waitForEvent('workspace.snapshot', () => true, 600_000);
    });
    const members = desktop.core.workspaceView()?.snapshot.members ?? [];
    const baseline = await timed(() => {
      const db = new Database(join(folder, 'raw.sqlite'));
      db.pragma('journal_mode = WAL');
      db.exec('create table members (workspace_id text not null, id text not null, data text not null, primary key (workspace_id, id))');
      const insert = db.prepare('insert into members values (?, ?, ?)');
      db.transaction(() => {
        for (const member of members) insert.run(member.workspaceId, member.id, JSON.stringify(member));
      })();
      db.close();
    });
    return result({
      name: 'first sync',
      metric: `${members.length} members into an empty replica`,
      unit: 'ms',
      ours: Math.round(ours.ms),
      baseline: Math.round(baseline.ms),
      baselineName: 'raw better-sqlite3 insert of the same rows in one transaction',
    });
  } finally {
    await desktop.stop();
    await hub.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Subscribes from `since` and measures the bytes and time until the hub's reply. */
function subscribe(hub: BenchHub, since: number | null): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
    let bytes = 0;
    let started = 0;
    socket.once('open', () => {
      started = performance.now();
      socket.send(JSON.stringify({ id: 'sub', type: 'subscribe', since }));
    });
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.includes('"type":"presence"')) return;
      bytes += Buffer.byteLength(text);
      if (text.includes('"id":"sub"')) {
        resolve({ bytes, ms: performance.now() - started });
        socket.close();
      }
    });
    socket.once('error', reject);
  });
}

export async function benchCatchUp(scale: Scale): Promise<BenchResult> {
  const members = scale === 'full' ? 10_000 : 500;
  const missed = scale === 'full' ? 1_000 : 50;
  const hub = await startBenchHub(seedMembers(members));
  try {
    const admin = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
    await new Promise((resolve) => admin.once('open', resolve));
    const seqBefore = await new Promise<number>((resolve) => {
      admin.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; seq?: number };
        if (message.type === 'snapshot') resolve(message.seq ?? 0);
      });
      admin.send(JSON.stringify({ id: 's', type: 'subscribe', since: null }));
    });
    for (let index = 0; index < missed; index += 1) {
      await new Promise<void>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          if (data.toString().includes(`"id":"m${index}"`)) {
            admin.off('message', onMessage);
            resolve();
          }
        };
        admin.on('message', onMessage);
        admin.send(JSON.stringify({ id: `m${index}`, type: 'member.set_team', mutationId: `bench-catch-up-${index}`, memberId: `m${index % members}`, teamId: null }));
      });
    }
    admin.close();
    const catchUp = await subscribe(hub, seqBefore);
    const snapshot = await subscribe(hub, null);
    return result({
      name: 'catch-up',
      metric: `${missed} missed changes in a ${members}-member workspace (bytes)`,
      unit: 'bytes',
      ours: catchUp.bytes,
      baseline: snapshot.bytes,
      baselineName: 'full snapshot',
      details: { catchUpMs: Math.round(catchUp.ms), snapshotMs: Math.round(snapshot.ms) },
    });
  } finally {
    await hub.stop();
  }
}
