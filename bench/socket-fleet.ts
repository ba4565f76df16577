// Client sockets held by child processes apart from the benchmark's and the
// server's (issue 14.6: 10,000 idle clients on one machine), each child a
// share of them. The benchmark opens them, asks the children to watch for
// a frame, triggers it, and gets back when each socket received it.
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FleetCommand, FleetReport, OpenCommand } from './socket-fleet-messages';

const require = createRequire(import.meta.url);
const CHILD = join(import.meta.dirname, 'socket-fleet-process.ts');

type ReportOf<T extends FleetReport['type']> = Extract<FleetReport, { type: T }>;

class FleetChild {
  private waiting: { type: FleetReport['type']; resolve: (report: FleetReport) => void; reject: (error: Error) => void } | null = null;
  /** What went wrong in this child while nobody waited (a held socket closed): the benchmark fails on it. */
  readonly failures: string[] = [];
  private readonly exited: Promise<void>;
  private isStopping = false;

  constructor(readonly process: ChildProcess) {
    this.exited = new Promise((resolve) =>
      process.once('exit', (code, signal) => {
        if (!this.isStopping) this.received({ type: 'failed', message: `the socket fleet process exited (${code ?? signal})` });
        resolve();
      }),
    );
    process.on('message', (report: FleetReport) => this.received(report));
  }

  next<T extends FleetReport['type']>(type: T): Promise<ReportOf<T>> {
    if (this.failures.length > 0) return Promise.reject(new Error(this.failures.join('; ')));
    return new Promise((resolve, reject) => {
      this.waiting = { type, resolve: resolve as (report: FleetReport) => void, reject };
    });
  }

  send(command: FleetCommand): void {
    this.process.send(command);
  }

  async stop(): Promise<void> {
    this.waiting = null;
    this.isStopping = true;
    this.process.kill('SIGTERM');
    await this.exited;
  }

  private received(report: FleetReport): void {
    const waiting = this.waiting;
    if (report.type === 'failed') {
      this.failures.push(report.message);
      this.waiting = null;
      waiting?.reject(new Error(report.message));
      return;
    }
    if (waiting?.type !== report.type) return;
    this.waiting = null;
    waiting.resolve(report);
  }
}

export interface Arrivals {
  /** When each socket received the frame (ns, process.hrtime). */
  times: number[];
  /** The frame as one socket received it. */
  frame: string;
}

export class SocketFleet {
  private constructor(private readonly children: FleetChild[]) {}

  /** `processes` children, each started and ready for commands. */
  static async start(processes: number): Promise<SocketFleet> {
    const children = Array.from({ length: processes }, () => {
      const child = fork(CHILD, [], { execArgv: ['--import', require.resolve('tsx')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new FleetChild(child);
    });
    const fleet = new SocketFleet(children);
    try {
      await Promise.all(children.map((child) => child.next('ready')));
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  /** Opens `count` sockets spread evenly over the children; resolves once every one is ready. */
  async open(command: Omit<OpenCommand, 'type'>): Promise<void> {
    const share = Math.floor(command.count / this.children.length);
    const extra = command.count % this.children.length;
    await Promise.all(
      this.children.map((child, index) => {
        const opened = child.next('opened');
        child.send({ ...command, type: 'open', count: share + (index < extra ? 1 : 0) });
        return opened;
      }),
    );
  }

  /**
   * Arms every socket to note the first frame containing all of `containing`;
   * resolves once all are armed, with the arrivals still to come (so the
   * caller triggers the frame only after this).
   */
  async watch(containing: string[], timeoutMs: number): Promise<{ arrivals: Promise<Arrivals> }> {
    const reports = this.children.map((child) => {
      const watching = child.next('watching');
      child.send({ type: 'watch', containing, timeoutMs });
      return watching;
    });
    await Promise.all(reports);
    const arrived = Promise.all(this.children.map((child) => child.next('arrived')));
    // Watched by the caller through `arrivals`; this only keeps a failure before then from going unhandled.
    arrived.catch(() => undefined);
    return {
      arrivals: arrived.then((all) => ({ times: all.flatMap((report) => report.times), frame: all[0]?.frame ?? '' })),
    };
  }

  /** Closes every socket the children hold; the children stay for the next open. */
  async closeSockets(): Promise<void> {
    await Promise.all(
      this.children.map((child) => {
        const closed = child.next('closed');
        child.send({ type: 'close' });
        return closed;
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
  }
}
