// Issue 13.2: when the hub runs its due work on stored access end dates. The
// truth is the store (hub/domain/access-ends.ts acts on what is due there,
// once); this only chooses the moment of the next pass: at start (a hub that
// was down when an access ended revokes it now), then at the next stored due
// moment or within the hour, whichever comes first, on ONE unref'd timer that
// is armed again after every pass and whenever a request stores a date or
// the warning days. Passes never overlap.
import type { Logger } from 'pino';
import type { AccessWorkDone } from '../domain/access-ends';
import { runDueAccessWork } from '../domain/access-ends';
import type { HubStore } from '../store/hub-store';

/** The longest the timer waits, so a date written to the store by another process (or hub) is seen within the hour. */
export const ACCESS_END_MAX_WAIT_MS = 60 * 60 * 1000;
/** How long to wait before trying again work that is due but failed. */
const RETRY_WAIT_MS = 60 * 1000;

export interface AccessEndSchedulerDeps {
  store: HubStore;
  now: () => number;
  logger: Logger;
  /** Delivers what one pass did once its transactions have committed (broadcast, socket messages, mail). */
  deliver(work: AccessWorkDone): void | Promise<void>;
}

export class AccessEndScheduler {
  private timer: NodeJS.Timeout | null = null;
  private isClosed = false;
  private pass: Promise<void> = Promise.resolve();
  /** The clock of the last pass: work due by then that is still owed failed, and waits RETRY_WAIT_MS. */
  private lastPassAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: AccessEndSchedulerDeps) {}

  /** Runs a pass now (after any pass under way) and arms the timer for the next. */
  runNow(): Promise<void> {
    this.pass = this.pass.then(() => this.runOnce());
    return this.pass;
  }

  /** A date or the warning days changed: the next due moment may be sooner. */
  rearm(): void {
    // Nobody waits for the timer to be armed: armLogged catches and logs its own failure.
    if (!this.isClosed) void this.armLogged(false);
  }

  /** Stops the timer and waits for a pass under way. */
  close(): Promise<void> {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.pass;
  }

  private async runOnce(): Promise<void> {
    if (this.isClosed) return;
    const { store, logger } = this.deps;
    this.lastPassAt = this.deps.now();
    try {
      const work = await runDueAccessWork(store, this.lastPassAt, (error, due) =>
        logger.error({ err: error, memberId: due.id, workspaceId: due.workspaceId }, 'access end work failed; tried again at the next pass'),
      );
      if (work.ended.length + work.held.length + work.warnings.length > 0) {
        logger.info({ ended: work.ended.length, held: work.held.length, warned: work.warnings.length }, 'access end work done');
      }
      await this.deps.deliver(work);
    } catch (error) {
      logger.error({ err: error }, 'access end pass failed; tried again at the next pass');
    }
    if (!this.isClosed) await this.armLogged(true);
  }

  /** Arms the timer; when the store cannot say the next due moment, the pass runs again within the hour instead. */
  private async armLogged(isAfterPass: boolean): Promise<void> {
    try {
      await this.arm(isAfterPass);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not read the next access end moment; looking again within the hour');
      this.setTimer(ACCESS_END_MAX_WAIT_MS);
    }
  }

  /**
   * After a pass, work still owed from before it failed there and waits
   * RETRY_WAIT_MS (no busy loop); after a change (a date set a day ahead
   * with a warning three days before), owed work runs at once.
   */
  private async arm(isAfterPass: boolean): Promise<void> {
    const now = this.deps.now();
    const next = await this.deps.store.members.nextAccessMoment(now);
    const hasFailed = isAfterPass && next !== null && next <= this.lastPassAt;
    this.setTimer(next === null ? ACCESS_END_MAX_WAIT_MS : hasFailed ? RETRY_WAIT_MS : Math.min(Math.max(0, next - now), ACCESS_END_MAX_WAIT_MS));
  }

  private setTimer(wait: number): void {
    // Closed while the next moment was read: no timer outlives the hub.
    if (this.isClosed) return;
    if (this.timer) clearTimeout(this.timer);
    // runOnce logs its own failures, so the pass the timer starts cannot reject unseen.
    this.timer = setTimeout(() => void this.runNow(), wait);
    this.timer.unref();
  }
}
