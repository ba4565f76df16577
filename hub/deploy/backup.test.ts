// Issue 14.5: a backup taken while the hub runs and a client writes, restored
// into a new folder, serves a hub where people sign in (the second step too)
// and see the same members.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TWO_STEP_KEY_FILE } from '../auth/two-step-secret-box';
import { HUB_DATABASE_FILE } from '../server/hub';
import type { TestHub } from '../testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, signInFrom, startTestHub } from '../testing';
import { codeAt, turnOn, twoStepCalls } from '../two-step-fixtures';
import { backupHubData, HubBackupError, restoreHubData } from './backup';

const hubs: TestHub[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gatehouse-backup-'));
  folders.push(folder);
  return folder;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('issue 14.5: backups', () => {
  it('issue 14.5: a backup of a running hub, restored into a new folder, signs people in and shows the same members', async () => {
    const hub = await startTestHub();
    hubs.push(hub);
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'agent@example.com', 'agent');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await owner.mutate('profile.update', { displayName: 'Olive Renamed', avatarDataUrl: null });
    // The agent protects their account with an authenticator app: its secret is sealed with the data folder's key.
    const clocked = Object.assign(hub, { clock: { now: Date.now() } });
    const agentToken = String((await signInFrom(hub.hub.url, 'agent@example.com', MEMBER_PASSWORD)).body.token);
    const { secret } = await turnOn(clocked, agentToken, MEMBER_PASSWORD);

    // A client keeps writing while the backup is taken.
    let isWriting = true;
    let teamsWritten = 0;
    const writer = (async () => {
      while (isWriting) {
        await owner.mutate('team.create', { name: `Team ${teamsWritten + 1}` });
        teamsWritten += 1;
      }
    })();
    while (teamsWritten < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const teamsBefore = teamsWritten;
    const made = await backupHubData(hub.dataDir, join(temporaryFolder(), 'nightly'));
    const teamsAfter = teamsWritten;
    isWriting = false;
    await writer;

    expect(made.files).toEqual([HUB_DATABASE_FILE, TWO_STEP_KEY_FILE]);
    // Password hashes and the key to second steps: readable by the hub's owner only.
    expect(modeOf(made.folder)).toBe(0o700);
    for (const name of readdirSync(made.folder)) expect(modeOf(join(made.folder, name))).toBe(0o600);
    expect(readdirSync(made.folder).sort()).toEqual([HUB_DATABASE_FILE, TWO_STEP_KEY_FILE].sort());

    const restoredDir = join(temporaryFolder(), 'restored');
    restoreHubData(made.folder, restoredDir);
    expect(modeOf(restoredDir)).toBe(0o700);
    const restored = await startTestHub({ dataDir: restoredDir });
    hubs.push(restored);
    const ownerAgain = await restored.connect(hub.ownerEmail, OWNER_PASSWORD);
    const snapshot = ownerAgain.snapshots()[0]?.snapshot;
    expect(snapshot?.members.length).toBe(3);
    expect(snapshot?.members.map((member) => member.email).sort()).toEqual(['agent@example.com', 'manager@example.com', hub.ownerEmail].sort());
    expect(snapshot?.members.find((member) => member.email === hub.ownerEmail)?.displayName).toBe('Olive Renamed');
    // Every team committed before the backup began is in it; none written after it ended.
    expect(snapshot?.teams.length).toBeGreaterThanOrEqual(teamsBefore);
    expect(snapshot?.teams.length).toBeLessThanOrEqual(teamsAfter + 1);

    // The second step still works: the key came with the database.
    const passwordStep = await signInFrom(restored.hub.url, 'agent@example.com', MEMBER_PASSWORD);
    expect(passwordStep.body.error?.code).toBe('second_step_required');
    const pending = String((passwordStep.body.error as unknown as { secondStep: { token: string } }).secondStep.token);
    // The next step's code: the current one was spent turning two-step on, and a spent code is refused.
    const secondStep = await twoStepCalls(restored).secondStep(pending, codeAt(secret, Date.now() + 30_000));
    expect(secondStep.body.error).toBeUndefined();
    expect(secondStep.status).toBe(200);
  });

  it('issue 14.5: a restore never writes over a data folder that holds a hub database', async () => {
    const hub = await startTestHub();
    hubs.push(hub);
    const made = await backupHubData(hub.dataDir, temporaryFolder());
    // An existing folder gets a dated backup folder inside it.
    expect(made.folder).toMatch(/gatehouse-hub-backup-\d{4}-\d{2}-\d{2}T/);
    expect(() => restoreHubData(made.folder, hub.dataDir)).toThrow(HubBackupError);
    await expect(backupHubData(temporaryFolder(), temporaryFolder())).rejects.toThrow(/There is no hub database/);
  });
});
