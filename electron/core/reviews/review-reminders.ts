// Issue 13.1: the tray reminder of a scheduled access review. The hub decides
// when a review is due (a stored UTC date, compared with its clock when asked);
// the desktop asks when it connects and notifies once per due date per member.
// What was notified is kept in a small file of the data folder, so a restart of
// the app does not notify again for the same due date.
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from '../../../hub';
import type { ReviewSchedule } from '../../../shared/protocol/access-reviews';

/** The file beside the desktop's config that remembers which due dates were notified. */
export const REVIEW_REMINDERS_FILE = 'review-reminders.json';

const notifiedSchema = z.record(z.string(), z.number().int());

export interface ReviewReminderTarget {
  workspaceId: string;
  workspaceName: string;
  memberId: string;
}

export interface ReviewReminderDeps {
  file: string;
  notify: (title: string, body: string) => void;
  log: (message: string, facts?: Record<string, unknown>) => void;
}

export class ReviewReminders {
  constructor(private readonly deps: ReviewReminderDeps) {}

  /**
   * Notifies when the schedule is due and this due date was not notified yet
   * for this member; answers whether it notified.
   */
  consider(target: ReviewReminderTarget, schedule: ReviewSchedule): boolean {
    if (!schedule?.isDue) return false;
    const key = `${target.workspaceId}:${target.memberId}`;
    const notified = this.read();
    if (notified[key] === schedule.nextDueAt) return false;
    this.deps.notify('Access review due', `Your access review of ${target.workspaceName} is due. Open Access reviews to start it.`);
    this.write({ ...notified, [key]: schedule.nextDueAt });
    return true;
  }

  private read(): Record<string, number> {
    try {
      return notifiedSchema.parse(JSON.parse(readFileSync(this.deps.file, 'utf8')));
    } catch (error) {
      // A missing file is the first reminder; an unreadable one is said and started again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.deps.log('review reminders file unreadable; starting it again', { error: String(error) });
      return {};
    }
  }

  private write(notified: Record<string, number>): void {
    const temporary = `${this.deps.file}.tmp`;
    writePrivateFile(temporary, JSON.stringify(notified));
    renameSync(temporary, this.deps.file);
  }
}

/**
 * Asks the hub for the member's schedule and reminds when due. Only Owners and
 * Managers have one; anything the hub refuses is logged, never shown as an error.
 */
export async function remindIfReviewDue(
  callHub: (type: 'review.get', body: Record<string, unknown>) => Promise<unknown>,
  reminders: ReviewReminders,
  target: ReviewReminderTarget & { level: 'owner' | 'manager' | 'agent' },
  log: ReviewReminderDeps['log'],
): Promise<boolean> {
  if (target.level === 'agent') return false;
  try {
    const answer = (await callHub('review.get', {})) as { schedule: ReviewSchedule };
    return reminders.consider(target, answer.schedule);
  } catch (error) {
    log('could not ask the hub whether an access review is due', { error: String(error) });
    return false;
  }
}
