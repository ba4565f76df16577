// Issue 14.2: the password and request limits of a hub on PostgreSQL, shared
// by every instance on the database (a schema of their own, rate_limits), on
// one small pool that close() ends.
import type { Logger } from 'pino';
import pg from 'pg';
import type { LimiterStorage } from '../auth/limiter-storage';
import { openPostgresLimiterStorage } from '../auth/limiter-storage';
import type { RequestLimiter, RequestLimits } from '../server/request-limits';
import { createPostgresRequestLimiter } from '../server/request-limits';

export interface SharedLimits {
  passwordLimits: LimiterStorage;
  requestLimiter(limits?: RequestLimits): Promise<RequestLimiter>;
  close(): Promise<void>;
}

export async function openSharedLimits(connectionString: string, logger: Logger): Promise<SharedLimits> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // An idle client's error (PostgreSQL restarted) would otherwise crash the process; the pool replaces the client.
  // Its message only: the error carries the whole client (pg-pool sets error.client), kilobytes a line.
  pool.on('error', (error) => logger.warn({ reason: error.message }, 'a shared limits pool connection was lost while idle; the pool opens another'));
  try {
    const passwordLimits = await openPostgresLimiterStorage(pool);
    return { passwordLimits, requestLimiter: (limits) => createPostgresRequestLimiter(pool, limits), close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
