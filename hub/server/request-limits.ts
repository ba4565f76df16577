// Quotas on what one member, and one signed-in session, may ask of the hub:
// a number of requests (a steady rate plus a burst) and a volume of request
// bytes. Every request counts (activity included) but subscribe, which is
// limited per socket instead: a desktop opens a socket per workspace and may
// open many at once (several windows, a reconnect), each subscribing once. A
// request over a quota is refused with rate_limited and how long to wait,
// before anything is read or written. The limiter sits behind a small
// interface: one hub counts in memory, hub instances sharing one PostgreSQL
// (issue 14.2) count there, so a session spread over instances behind one
// address gets the same quota as on one. The subscribe count lives on the
// socket itself, which only ever has one process.
import type pg from 'pg';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimiterSettings } from '../auth/limiter-storage';
import { postgresLimiter, preparePostgresLimits } from '../auth/limiter-storage';

export interface RequestLimits {
  /** Requests per second one session may send steadily, and how many more it may send in a burst per burst window. */
  sessionPerSecond: number;
  sessionBurst: number;
  /** The same for a member, all their sessions together. */
  memberPerSecond: number;
  memberBurst: number;
  burstWindowSeconds: number;
  /** Characters of requests a person may send per upload window, all their memberships together (an avatar is about 87,000). */
  personUploadCharacters: number;
  uploadWindowSeconds: number;
  /** How many times one socket may subscribe (each answer is a full snapshot or a catch-up) per subscribe window. */
  subscribesPerSocket: number;
  subscribeWindowSeconds: number;
}

/**
 * Generous for a person at a desk (and for a desktop resending what it could
 * not send while offline), small for a script: at most 5 of the largest
 * avatars in 30 seconds, so nobody can grow the store or flood the other
 * desktops with images.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  sessionPerSecond: 50,
  sessionBurst: 150,
  memberPerSecond: 100,
  memberBurst: 300,
  burstWindowSeconds: 10,
  personUploadCharacters: 512 * 1024,
  uploadWindowSeconds: 30,
  subscribesPerSocket: 10,
  subscribeWindowSeconds: 60,
};

/** For tests and benchmarks that drive the hub harder than any person could: no quota binds. */
export const UNLIMITED_REQUEST_LIMITS: RequestLimits = {
  sessionPerSecond: Number.MAX_SAFE_INTEGER,
  sessionBurst: Number.MAX_SAFE_INTEGER,
  memberPerSecond: Number.MAX_SAFE_INTEGER,
  memberBurst: Number.MAX_SAFE_INTEGER,
  burstWindowSeconds: 1,
  personUploadCharacters: Number.MAX_SAFE_INTEGER,
  uploadWindowSeconds: 1,
  subscribesPerSocket: Number.MAX_SAFE_INTEGER,
  subscribeWindowSeconds: 1,
};

export interface RequestSender {
  /** Upload volume is counted per person: a profile change reaches every workspace they belong to. */
  personId: string;
  memberId: string;
  sessionHash: string;
}

export type Admission = { isAdmitted: true } | { isAdmitted: false; retryAfterMs: number };

export interface RequestLimiter {
  /** Counts a request of `characters` from this sender, or says how long to wait when a quota is used up. */
  admit(sender: RequestSender, characters: number): Promise<Admission>;
}

/** The counters behind the quotas: a steady rate and a burst per session and per member, and upload volume per person. */
function counterSettings(limits: RequestLimits): LimiterSettings[] {
  return [
    { keyPrefix: 'session', points: limits.sessionPerSecond, duration: 1 },
    { keyPrefix: 'session-burst', points: limits.sessionBurst, duration: limits.burstWindowSeconds },
    { keyPrefix: 'member', points: limits.memberPerSecond, duration: 1 },
    { keyPrefix: 'member-burst', points: limits.memberBurst, duration: limits.burstWindowSeconds },
    { keyPrefix: 'upload', points: limits.personUploadCharacters, duration: limits.uploadWindowSeconds },
  ];
}

/** Resolves with null when the points were taken, or how long to wait. */
async function take(limiter: { consume(key: string, points: number): Promise<RateLimiterRes> }, key: string, points: number): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext));
    throw rejection;
  }
}

/** The quotas over counters made from counterSettings, by key prefix (in memory, or on a shared store). */
function requestLimiterOf(limits: RequestLimits, counters: ReadonlyMap<string, RateLimiterAbstract>): RequestLimiter {
  const counter = (keyPrefix: string): RateLimiterAbstract => {
    const found = counters.get(keyPrefix);
    if (!found) throw new Error(`The request limiter has no ${keyPrefix} counter`);
    return found;
  };
  const perSession = new BurstyRateLimiter(counter('session'), counter('session-burst'));
  const perMember = new BurstyRateLimiter(counter('member'), counter('member-burst'));
  const upload = counter('upload');
  const admission = (wait: number | null): Admission => (wait === null ? { isAdmitted: true } : { isAdmitted: false, retryAfterMs: wait });
  return {
    async admit(sender, characters) {
      // Counted one after the other, so a request refused for its count does not also use up upload volume.
      const wait =
        (await take(perSession, sender.sessionHash, 1)) ??
        (await take(perMember, sender.memberId, 1)) ??
        // A request larger than the whole window still passes once the window is fresh (frames are capped anyway).
        (await take(upload, sender.personId, Math.min(characters, limits.personUploadCharacters)));
      return admission(wait);
    },
  };
}

/** Quotas kept in this process's memory. */
export function createMemoryRequestLimiter(limits: RequestLimits = DEFAULT_REQUEST_LIMITS): RequestLimiter {
  return requestLimiterOf(limits, new Map(counterSettings(limits).map((settings) => [settings.keyPrefix, new RateLimiterMemory(settings)])));
}

/** The table of the shared limits' schema (limiter-storage.ts) that holds the request quotas. */
export const POSTGRES_REQUEST_LIMITS_TABLE = 'request_limits';

/**
 * Issue 14.2: quotas counted on PostgreSQL, shared by every hub instance on
 * the database (the pool stays its owner's). Each count is one atomic
 * upsert: two instances counting the same session at once both add to it.
 */
export async function createPostgresRequestLimiter(pool: pg.Pool, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): Promise<RequestLimiter> {
  await preparePostgresLimits(pool);
  const counters = new Map<string, RateLimiterAbstract>();
  for (const settings of counterSettings(limits)) counters.set(settings.keyPrefix, await postgresLimiter(pool, POSTGRES_REQUEST_LIMITS_TABLE, settings));
  return requestLimiterOf(limits, counters);
}

/** A socket's own count of subscribes in its current window. */
export interface SubscribeWindow {
  subscribesInWindow: number;
  /** When the window ends (wall clock, ms); 0 before the first subscribe. */
  subscribeWindowEndsAt: number;
}

/**
 * The per-socket subscribe quota, a fixed window as rate-limiter-flexible
 * counts it (opened by the first subscribe, `subscribeWindowSeconds` long),
 * but kept in two numbers on the socket: the library keys a record, a string
 * key and a timer per socket, about 700 bytes for each idle connection.
 */
export class SocketSubscribeQuota {
  constructor(private readonly limits: Pick<RequestLimits, 'subscribesPerSocket' | 'subscribeWindowSeconds'> = DEFAULT_REQUEST_LIMITS) {}

  /** Counts a subscribe on this socket at `now` (the wall clock, as the other quotas). */
  admit(socket: SubscribeWindow, now: number = Date.now()): Admission {
    if (now >= socket.subscribeWindowEndsAt) {
      socket.subscribesInWindow = 0;
      socket.subscribeWindowEndsAt = now + this.limits.subscribeWindowSeconds * 1000;
    }
    socket.subscribesInWindow += 1;
    if (socket.subscribesInWindow <= this.limits.subscribesPerSocket) return { isAdmitted: true };
    return { isAdmitted: false, retryAfterMs: Math.max(1, socket.subscribeWindowEndsAt - now) };
  }
}
