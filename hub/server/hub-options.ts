// How a hub is set up; every option has a default that works on a laptop.
import type { Logger } from 'pino';
import type { MailSettings } from '../mail/mailer';
import type { LimiterStorage } from '../auth/limiter-storage';
import type { PasswordLimits } from '../auth/password-guard';
import type { PasswordResetLimits } from '../auth/password-reset';
import type { PresenceLeaseTimes } from '../cluster/presence-leases';
import type { MetricsAccessOptions } from './metrics-access';
import type { RequestLimits } from './request-limits';

export interface HubOptions {
  /** Folder of the hub's SQLite file (hub.sqlite) and of its local files (rate limits, the two-step key by default). */
  dataDir: string;
  /**
   * Issue 14.1: a postgres:// URL. Given, the hub's store is that PostgreSQL
   * database (its migrations applied at start) and no SQLite file is opened;
   * several hubs may share it.
   */
  database?: string;
  /**
   * The key that encrypts authenticator secrets (made 0600 on first use when
   * missing); by default two-step.key in `dataDir`. Every hub instance on one
   * PostgreSQL database must use the same key (a copy of one file): a secret
   * sealed with another key cannot be opened, and its owner could not sign in.
   */
  twoStepKeyFile?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * The address people use to reach the hub, for invitation links. Given, it
   * wins over the one the operator stored (HubAdmin, `settings public-url`);
   * neither: http://host:port.
   */
  publicUrl?: string;
  /**
   * The address for links when neither `publicUrl` nor a stored one is set
   * (the desktop's hub passes the address of this computer the person chose);
   * without it, http://host:port.
   */
  defaultPublicUrl?: string;
  /** Browser origins allowed to open a socket (clients that send no Origin are not affected). */
  allowedOrigins?: string[];
  /** SMTP from the command line; given, it wins over the mail settings the operator stored. */
  mail?: MailSettings | null;
  invitationTtlMs?: number;
  /** How many changes per workspace are kept for catch-up; older clients get a snapshot. */
  changeLogRetention?: number;
  heartbeatMs?: number;
  subscribeTimeoutMs?: number;
  /** How long a connection may take to send its request headers (an upgrade included). */
  idleRequestTimeoutMs?: number;
  /** Limits on password attempts (sign-in, change of password); see PasswordGuard. */
  passwordLimits?: PasswordLimits;
  /** Limits on "forgot password" requests per email and per address. */
  passwordResetLimits?: PasswordResetLimits;
  /**
   * Where the password limits keep their counts; by default a SQLite file
   * beside the hub's (rate-limits.sqlite). Hubs that share the limits pass a
   * store on PostgreSQL or Redis.
   */
  limiterStorage?: LimiterStorage;
  /**
   * Reverse proxies (addresses or subnets) whose X-Forwarded-For is believed:
   * only for a request whose peer is one of them is the right-most address
   * that is not a trusted proxy taken as the client's. Empty: the peer is the client.
   */
  trustedProxies?: string[];
  /** Who besides a loopback peer may read /metrics (addresses, subnets, a bearer token). */
  metrics?: MetricsAccessOptions;
  /** How long a session lasts; its sockets are closed (4002) when it ends. */
  sessionTtlMs?: number;
  /** Quotas on requests per session, member and person (tests and benchmarks that drive one session hard lift them). */
  requestLimits?: RequestLimits;
  /** How long a "forgot password" link works. */
  passwordResetTtlMs?: number;
  logger?: Logger;
  /** The protocol version this hub speaks (PROTOCOL_VERSION); tests set another to play an older or newer hub. */
  protocolVersion?: number;
  /** The oldest client version it still serves (OLDEST_PROTOCOL_VERSION, or protocolVersion when lower); tests raise it to play a hub that dropped one. */
  oldestProtocolVersion?: number;
  /** The SQLite store's migrations folder (PostgreSQL's are the ones this build ships). */
  migrationsDir?: string;
  /**
   * Issue 14.2, on PostgreSQL: how long an instance's presence lease lasts
   * and how often it is renewed (hub/cluster/presence-leases.ts); fault tests
   * shorten them so a killed instance's members go offline sooner.
   */
  presenceLeaseTimes?: PresenceLeaseTimes;
  /** Tests: called with the text of every statement the store's write connection runs. */
  onStatement?: (sql: string) => void;
  now?: () => number;
}

export const HUB_DEFAULTS = {
  host: '127.0.0.1',
  port: 4717,
  invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
  changeLogRetention: 10_000,
  heartbeatMs: 15_000,
  subscribeTimeoutMs: 30_000,
  idleRequestTimeoutMs: 10_000,
  /** Retried mutations are recognised for this long (a desktop gives up resending long before). */
  mutationMemoryMs: 24 * 60 * 60 * 1000,
  maxConsecutiveErrors: 20,
  /** How often the hub looks for changes another process wrote to its store (the command line's `plan`). */
  outsideChangesCheckMs: 2_000,
} as const;
