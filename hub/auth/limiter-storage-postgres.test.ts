// Issue 14.2: the shared password limits on PostgreSQL. Hubs start their
// limiters together (PasswordGuard makes several at once, and so does every
// instance starting beside another): their tables must be made once, without
// PostgreSQL's "type already exists" when two CREATE TABLE IF NOT EXISTS race.
// CI caught that race on a hub starting on a fresh database; eight instances
// starting together on five fresh databases reproduce it every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresLimiterStorage } from './limiter-storage';
import { startPostgresServer, type PostgresServer } from '../testing/postgres-server';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

describe('issue 14.2: password limits shared on PostgreSQL', () => {
  it('issue 14.2: limiters made at once by eight instances on fresh databases all count, in one table', async () => {
    for (let round = 0; round < 5; round += 1) {
      const url = await server.createDatabase(`limits_race_${round}`);
      const instances = await Promise.all(Array.from({ length: 8 }, () => openPostgresLimiterStorage(url)));
      try {
        const limiters = await Promise.all(
          instances.flatMap((storage, index) => [1, 2, 3].map((kind) => storage.limiter({ keyPrefix: `race${index}x${kind}`, points: 3, duration: 60 }))),
        );
        await Promise.all(limiters.map((limiter) => limiter.consume('someone')));
        // An instance sees what another counted under the same prefix.
        const [onOne, onOther] = await Promise.all(instances.slice(0, 2).map((storage) => storage.limiter({ keyPrefix: 'race0x1', points: 3, duration: 60 })));
        await onOther?.consume('someone');
        expect((await onOne?.get('someone'))?.consumedPoints).toBe(2);
      } finally {
        await Promise.all(instances.map((storage) => storage.close()));
      }
    }
  });
});
