// Issue 14.2: the sign-in and request limits are one count across hub
// instances on the same PostgreSQL, so guesses or requests spread over the
// instances behind one address get no more than on one instance.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimiterStorage } from '../auth/limiter-storage';
import { openPostgresLimiterStorage, POSTGRES_LIMITS_SCHEMA } from '../auth/limiter-storage';
import { DEFAULT_PASSWORD_LIMITS, PasswordGuard } from '../auth/password-guard';
import { HubFailure } from '../domain/hub-failure';
import type { RequestLimits } from '../server/request-limits';
import { createPostgresRequestLimiter, UNLIMITED_REQUEST_LIMITS } from '../server/request-limits';
import { startPostgresServer, type PostgresServer } from '../testing/postgres-server';

let server: PostgresServer;
let url: string;
let pools: pg.Pool[];

beforeAll(async () => {
  server = await startPostgresServer();
  url = await server.createDatabase('cluster_limits');
  // Two pools: what two hub processes would each have.
  pools = [new pg.Pool({ connectionString: url, max: 2 }), new pg.Pool({ connectionString: url, max: 2 })];
}, 60_000);

afterAll(async () => {
  await Promise.all((pools ?? []).map((pool) => pool.end()));
  await server?.stop();
}, 60_000);

/** A wrong password through `guard`: false when verified, the failure's code when refused before verifying. */
async function wrongGuess(guard: PasswordGuard): Promise<boolean | string> {
  try {
    return await guard.attempt({ account: 'ann@example.com', address: '203.0.113.7' }, () => false, 'password');
  } catch (error) {
    if (error instanceof HubFailure) return error.code;
    throw error;
  }
}

describe('the password limits on PostgreSQL', () => {
  it('count guesses made through two instances as one, and refuse the one past the limit on either', async () => {
    const storages: LimiterStorage[] = await Promise.all(pools.map((pool) => openPostgresLimiterStorage(pool)));
    const [onFirst, onSecond] = await Promise.all(storages.map((storage) => PasswordGuard.open(storage)));
    if (!onFirst || !onSecond) throw new Error('two guards');
    const allowed = DEFAULT_PASSWORD_LIMITS.attemptsPerAccountAndAddress;
    const results: Array<boolean | string> = [];
    for (let index = 0; index < allowed; index += 1) results.push(await wrongGuess(index % 2 === 0 ? onFirst : onSecond));
    expect(results).toEqual(Array.from({ length: allowed }, () => false));
    expect(await wrongGuess(onSecond)).toBe('rate_limited');
    expect(await wrongGuess(onFirst)).toBe('rate_limited');
    expect(onFirst.verifications + onSecond.verifications).toBe(allowed);
  }, 30_000);

  it('opened from a connection string, keep their counts in their own schema and forget the expired ones', async () => {
    const storage = await openPostgresLimiterStorage(url);
    try {
      const limiter = await storage.limiter({ keyPrefix: 'short', points: 1, duration: 1 });
      await limiter.consume('someone');
      const counted = async (): Promise<number> =>
        Number((await pools[0]?.query<{ count: string }>(`SELECT count(*) FROM ${POSTGRES_LIMITS_SCHEMA}.password_limits WHERE key = 'short:someone'`))?.rows[0]?.count);
      expect(await counted()).toBe(1);
      await storage.clearExpired(Date.now());
      expect(await counted()).toBe(1);
      await storage.clearExpired(Date.now() + 2_000);
      expect(await counted()).toBe(0);
      // Nothing of the limits is among the hub's tables, which its migrations own.
      const { rows } = (await pools[0]?.query<{ count: string }>(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE '%limits%'`)) ?? { rows: [] };
      expect(Number(rows[0]?.count)).toBe(0);
    } finally {
      await storage.close();
    }
  }, 30_000);
});

describe('the request limits on PostgreSQL', () => {
  it('give a session the same quota whichever instances its requests reach', async () => {
    const limits: RequestLimits = { ...UNLIMITED_REQUEST_LIMITS, sessionPerSecond: 2, sessionBurst: 1, burstWindowSeconds: 60 };
    const [onFirst, onSecond] = await Promise.all(pools.map((pool) => createPostgresRequestLimiter(pool, limits)));
    if (!onFirst || !onSecond) throw new Error('two limiters');
    const sender = { personId: 'person-1', memberId: 'member-1', sessionHash: 'session-1' };
    const admitted = [await onFirst.admit(sender, 10), await onSecond.admit(sender, 10), await onFirst.admit(sender, 10)];
    expect(admitted).toEqual([{ isAdmitted: true }, { isAdmitted: true }, { isAdmitted: true }]);
    const refused = await onSecond.admit(sender, 10);
    expect(refused.isAdmitted).toBe(false);
    if (!refused.isAdmitted) expect(refused.retryAfterMs).toBeGreaterThan(0);
    // Another session of the same member has its own quota.
    expect(await onSecond.admit({ ...sender, sessionHash: 'session-2' }, 10)).toEqual({ isAdmitted: true });
  }, 30_000);
});
