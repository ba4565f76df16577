// What the benchmark process and its socket-holding child processes
// (socket-fleet.ts, socket-fleet-process.ts) tell each other over the
// child's IPC channel. Times are process.hrtime in nanoseconds: the
// machine's monotonic clock, the same in every process, so a child's
// arrival time and the parent's trigger time can be subtracted.

export interface OpenCommand {
  type: 'open';
  url: string;
  headers: Record<string, string>;
  count: number;
  /** Sent on each socket once it opens (the hub's subscribe), or nothing. */
  firstFrame: string | null;
  /** A socket counts as ready once a frame containing this arrives (the presence list ending a subscribe); null: once open. */
  readyWhen: string | null;
}

export interface WatchCommand {
  type: 'watch';
  /** The first frame on each socket containing every one of these is the arrival. */
  containing: string[];
  timeoutMs: number;
}

export type FleetCommand = OpenCommand | WatchCommand | { type: 'close' };

export type FleetReport =
  | { type: 'ready' }
  | { type: 'opened'; count: number }
  | { type: 'watching' }
  /** Arrival times (ns, as numbers: exact below 2^53 ns, 104 days of uptime) and the first socket's frame. */
  | { type: 'arrived'; times: number[]; frame: string }
  | { type: 'failed'; message: string }
  | { type: 'closed' };
