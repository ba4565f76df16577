// Bad input on the socket: every malformed frame is answered with an error
// code and changes nothing; oversized frames and floods close the socket with
// a named code; a socket that never subscribes is closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../shared/protocol';
import type { TestClient } from './testing/test-client';
import { TestClient as Client } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
beforeEach(async () => {
  hub = await startTestHub({ subscribeTimeoutMs: 300 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
});
afterEach(() => hub.stop());

async function seq(): Promise<number> {
  return (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq ?? -1;
}

describe('malformed messages', () => {
  it('answers bad JSON with bad_json', async () => {
    owner.sendRaw('{"id": "1", "type":');
    expect(await owner.waitFor('error')).toEqual({ type: 'error', error: { code: 'bad_json', message: 'The message is not valid JSON.' } });
  });

  it('answers an unknown type with unknown_type, as a reply to its id', async () => {
    owner.sendRaw(JSON.stringify({ id: 'x1', type: 'member.delete_everything' }));
    const reply = await owner.waitFor('reply', (message) => message.id === 'x1');
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_type', message: 'This hub does not know this kind of request; the app may be newer than the hub.' } });
  });

  it('answers a schema violation with the field and the reason, and changes nothing', async () => {
    const before = await seq();
    const reply = await owner.request('team.create', { mutationId: 'short' , name: 'Team' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    const extra = await owner.request('team.create', { mutationId: 'mutation-extra-1', name: 'Team', isAdmin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await seq()).toBe(before);
    expect(await hub.hub.store.teams.inWorkspace(hub.workspaceId)).toEqual([]);
  });

  it('refuses binary frames', async () => {
    owner.sendRaw(Buffer.from([1, 2, 3]));
    expect(await owner.waitFor('error')).toMatchObject({ error: { code: 'invalid_message', message: 'Frames must be JSON text.' } });
  });

  it('closes the socket on a frame over the size limit (1009)', async () => {
    owner.sendRaw('x'.repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await owner.closed()).toBe(CLOSE_CODES.messageTooBig);
    expect(await hub.hub.store.integrityCheck()).toBe('ok');
  });

  it('closes a socket that sends nothing but malformed messages (4009)', async () => {
    for (let index = 0; index < 25; index += 1) owner.sendRaw('nope');
    expect(await owner.closed()).toBe(CLOSE_CODES.tooManyErrors);
  });

  it('closes a socket that never subscribes (4008)', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const idle = await Client.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    expect(await idle.closed()).toBe(CLOSE_CODES.subscribeTimeout);
  });

  it('keeps serving after all of the above', async () => {
    owner.sendRaw('[]');
    owner.sendRaw('null');
    owner.sendRaw(JSON.stringify({ type: 'subscribe' }));
    const created = await owner.mutate('team.create', { name: 'Still here' });
    expect(created.team.name).toBe('Still here');
  });
});
