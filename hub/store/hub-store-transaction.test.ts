// Issue 14.1: a transaction spans awaits, so the work inside it must use the
// store it is given. The outer store there is refused at once (it would wait
// for the connection its own transaction holds, for ever), and a read from
// outside waits for the commit instead of seeing writes that may roll back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUsedInsideTransactionError } from './connection-gate';
import type { HubStore } from './hub-store';
import { openHubStore } from './hub-store';

let dir: string;
let store: HubStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-transaction-'));
  store = openHubStore(join(dir, 'hub.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function person(id: string) {
  return { id, email: `${id}@example.com`, displayName: id, avatarDataUrl: null, passwordHash: null, createdAt: 1, updatedAt: 1 };
}

describe('issue 14.1: the store inside a transaction', () => {
  it('refuses the outer store with StoreUsedInsideTransactionError, while the transaction store reads and writes', async () => {
    const outcome = await store.transaction(async (tx) => {
      await tx.people.insert(person('ada'));
      const outerRead = await store.people.byId('ada').catch((error: unknown) => error);
      const outerWrite = await store.people.insert(person('ben')).catch((error: unknown) => error);
      const nested = await store.transaction(async () => 'ran').catch((error: unknown) => error);
      return { outerRead, outerWrite, nested, seenInside: await tx.people.byId('ada') };
    });

    for (const refusal of [outcome.outerRead, outcome.outerWrite, outcome.nested]) {
      expect(refusal).toBeInstanceOf(StoreUsedInsideTransactionError);
      expect((refusal as Error).message).toContain('use the transaction store it was given');
    }
    expect(outcome.seenInside?.email).toBe('ada@example.com');
    // The transaction committed its own write and nothing the refused calls tried.
    expect((await store.people.byId('ada'))?.email).toBe('ada@example.com');
    expect(await store.people.byId('ben')).toBeUndefined();
  });

  it('a failed transaction leaves nothing, a failed savepoint only its own part, and the store works after', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.people.insert(person('ada'));
        throw new Error('the request failed after its first write');
      }),
    ).rejects.toThrow('the request failed after its first write');
    expect(await store.people.byId('ada')).toBeUndefined();

    await store.transaction(async (tx) => {
      await tx.people.insert(person('ben'));
      await tx.transaction(async (inner) => {
        await inner.people.insert(person('cleo'));
        throw new Error('the savepoint failed');
      }).catch((error: unknown) => expect(error).toMatchObject({ message: 'the savepoint failed' }));
    });
    expect(await store.people.byId('ben')).toBeDefined();
    expect(await store.people.byId('cleo')).toBeUndefined();
  });

  it('a read from outside waits for the transaction and sees its commit, never its writes half done', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = store.transaction(async (tx) => {
      await tx.people.insert(person('ada'));
      inserted();
      // The transaction is open across this await, as a request's may be (PostgreSQL answers over a socket).
      await held;
      await tx.people.updateProfile('ada', 'Ada Lovelace', null, 2);
    });
    await hasInserted;
    const outsideRead = store.people.byId('ada');
    release();
    await transaction;
    expect((await outsideRead)?.displayName).toBe('Ada Lovelace');
  });
});
