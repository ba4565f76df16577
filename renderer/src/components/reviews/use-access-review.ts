// Issue 13.1: the access review as the page holds it. The hub keeps the
// review and the schedule (not the replica), so the page asks `review.get`
// for the asker's newest open review when it opens and again when the
// connection comes back; starting, confirming and scheduling each answer
// the review or schedule as it now is, which replaces what is shown.
import { shallowRef } from 'vue';
import type { AccessReview, ReviewCriteria, ReviewInterval, ReviewRowResult, ReviewSchedule } from '@shared/protocol/access-reviews';
import { callOrThrow } from '../../api/client';
import type { ReviewChoices } from './review-choices';

export interface ReviewOutcome {
  review: AccessReview;
  rows: ReviewRowResult[];
}

export function useAccessReview() {
  const review = shallowRef<AccessReview | null>(null);
  const schedule = shallowRef<ReviewSchedule>(null);
  /** The answer to the last confirmation, shown until another review starts. */
  const outcome = shallowRef<ReviewOutcome | null>(null);
  const isLoading = shallowRef(false);
  const loadError = shallowRef<string | null>(null);
  let asked = 0;

  async function load(): Promise<void> {
    const question = ++asked;
    isLoading.value = true;
    loadError.value = null;
    try {
      const answer = await callOrThrow('hub.review.get', { reviewId: null });
      if (question !== asked) return;
      schedule.value = answer.schedule;
      // A confirmed review stays on screen with its results; otherwise the open one, if any.
      if (outcome.value === null) review.value = answer.review;
    } catch (failure) {
      if (question === asked) loadError.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (question === asked) isLoading.value = false;
    }
  }

  async function start(criteria: ReviewCriteria): Promise<void> {
    const answer = await callOrThrow('hub.review.start', { criteria });
    asked += 1;
    outcome.value = null;
    review.value = answer.review;
  }

  async function decide(choices: ReviewChoices, heirId: string | null): Promise<void> {
    const current = review.value;
    if (!current) return;
    const decisions = current.items.map((item) => ({
      memberId: item.memberId,
      decision: choices[item.memberId] ?? 'keep',
      heirId: choices[item.memberId] === 'revoke' ? heirId : null,
    }));
    const answer = await callOrThrow('hub.review.decide', { reviewId: current.id, decisions });
    asked += 1;
    review.value = answer.review;
    outcome.value = { review: answer.review, rows: answer.rows };
  }

  async function setSchedule(everyDays: ReviewInterval | null): Promise<void> {
    const answer = await callOrThrow('hub.review.schedule', { everyDays });
    schedule.value = answer.schedule;
  }

  /** Back to the start form once the results are read. */
  function dismissOutcome(): void {
    outcome.value = null;
    review.value = null;
  }

  return { review, schedule, outcome, isLoading, loadError, load, start, decide, setSchedule, dismissOutcome };
}
