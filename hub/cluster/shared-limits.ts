// Issue 14.2: the password and request limits of a hub on PostgreSQL, shared
// by every instance on the database (a schema of their own, rate_limits), on
// one small pool that close() ends.
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

export async function openSharedLimits(connectionString: string): Promise<SharedLimits> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on('error', (error) => console.error('PostgreSQL connection lost while idle in the shared limits pool:', error));
  try {
    const passwordLimits = await openPostgresLimiterStorage(pool);
    return { passwordLimits, requestLimiter: (limits) => createPostgresRequestLimiter(pool, limits), close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
