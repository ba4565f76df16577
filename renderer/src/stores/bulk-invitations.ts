// Issue 13: the "Invite many" screen's list. Rows come from a pasted list or
// a CSV file (the core reads it), are edited here and checked at each edit
// with the shared row check; "Check the list" asks the hub (nothing is
// written or sent); "Invite" sends the rows the hub found ready, as one
// request, with its progress; then one result per row of the list. Any edit
// after a check makes the check stale: the list is checked again before it
// can be sent, so what is confirmed is what was checked.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { BulkInvitationDraft, DraftCheck, DraftColumn, DraftProblems } from '@shared/api/bulk-invitation-drafts';
import { checkDraft, levelWords, repeatedAddresses, repeatedAddressWords } from '@shared/api/bulk-invitation-drafts';
import type { BulkResultLine } from '@shared/api/bulk-invitations-contract';
import type { AccessLevel } from '@shared/policy';
import type { BulkInvitationRow, BulkPreviewRow, RequestProgress } from '@shared/protocol/bulk-invitations';
import { callOrThrow, onApiEvent } from '../api/client';

export interface ListRow {
  /** Stable while the list is edited (a row's line may repeat: several addresses on one pasted line). */
  key: number;
  draft: BulkInvitationDraft;
}

/** What the screen says of a row before it is sent. */
export type RowStatus =
  | { kind: 'problem'; problems: DraftProblems }
  | { kind: 'repeated'; message: string }
  | { kind: 'unchecked' }
  | { kind: 'ready' }
  | { kind: 'refused'; message: string };

export type Phase = 'edit' | 'sending' | 'done';

let nextKey = 1;

export const useBulkInvitationsStore = defineStore('bulk-invitations', () => {
  /** The level of rows that do not name one (a pasted list of addresses). */
  const defaultLevel = shallowRef<AccessLevel>('agent');
  const rows = shallowRef<ListRow[]>([]);
  const readProblem = shallowRef<string | null>(null);
  /** The hub's check, by row key; null until checked, and again after any edit. */
  const previewed = shallowRef<ReadonlyMap<number, BulkPreviewRow> | null>(null);
  const isInvitationEmailed = shallowRef<boolean | null>(null);
  const phase = shallowRef<Phase>('edit');
  const progress = shallowRef<RequestProgress | null>(null);
  const results = shallowRef<BulkResultLine[]>([]);

  onApiEvent((event) => {
    if (event.name === 'invitations.progress' && phase.value === 'sending') progress.value = event.payload;
  });

  const withLevel = (draft: BulkInvitationDraft): BulkInvitationDraft => (draft.level.trim() === '' ? { ...draft, level: levelWords(defaultLevel.value) } : draft);
  // An edit replaces one row's draft: the other 999 keep their check instead of parsing again at each key typed.
  const checked = new WeakMap<BulkInvitationDraft, { level: AccessLevel; check: DraftCheck }>();
  function checkOf(draft: BulkInvitationDraft): DraftCheck {
    const known = checked.get(draft);
    if (known && known.level === defaultLevel.value) return known.check;
    const check = checkDraft(withLevel(draft));
    checked.set(draft, { level: defaultLevel.value, check });
    return check;
  }
  const checks = computed(() => rows.value.map((row) => checkOf(row.draft)));
  const repeated = computed(() => repeatedAddresses(rows.value.map((row, index) => ({ line: row.draft.line, email: checks.value[index]?.row?.email ?? null }))));

  const statuses = computed<RowStatus[]>(() =>
    rows.value.map((row, index): RowStatus => {
      const check = checks.value[index];
      if (!check?.row) return { kind: 'problem', problems: check?.problems ?? {} };
      const firstLine = repeated.value.get(index);
      if (firstLine !== undefined) return { kind: 'repeated', message: repeatedAddressWords(firstLine) };
      const preview = previewed.value?.get(row.key);
      if (!preview) return { kind: 'unchecked' };
      return preview.outcome === 'ready' ? { kind: 'ready' } : { kind: 'refused', message: preview.message };
    }),
  );

  /** Rows the hub may be asked about: well formed, and first in the list with their address. */
  const sendable = computed(() =>
    rows.value.flatMap((row, index) => {
      const checked = checks.value[index]?.row;
      return checked && !repeated.value.has(index) ? [{ key: row.key, row: checked }] : [];
    }),
  );
  const count = (kind: RowStatus['kind']) => statuses.value.filter((status) => status.kind === kind).length;
  const readyCount = computed(() => count('ready'));
  const notSendableCount = computed(() => rows.value.length - sendable.value.length);
  const refusedCount = computed(() => count('refused'));
  const isChecked = computed(() => previewed.value !== null && sendable.value.every((entry) => previewed.value?.has(entry.key)));

  function problemOf(key: number, column: DraftColumn): string | null {
    const index = rows.value.findIndex((row) => row.key === key);
    const status = statuses.value[index];
    return status?.kind === 'problem' ? (status.problems[column] ?? null) : null;
  }

  function reset(): void {
    rows.value = [];
    readProblem.value = null;
    previewed.value = null;
    isInvitationEmailed.value = null;
    phase.value = 'edit';
    progress.value = null;
    results.value = [];
  }

  /** A pasted list or a file's text, read by the core into rows: they replace the list. */
  async function read(text: string): Promise<void> {
    const list = await callOrThrow('invitations.readList', { text });
    readProblem.value = list.problem;
    if (list.problem !== null) return;
    rows.value = list.rows.map((draft) => ({ key: nextKey++, draft }));
    previewed.value = null;
  }

  function edit(key: number, changes: Partial<Omit<BulkInvitationDraft, 'line'>>): void {
    rows.value = rows.value.map((row) => (row.key === key ? { ...row, draft: { ...row.draft, ...changes } } : row));
    previewed.value = null;
  }

  function remove(key: number): void {
    rows.value = rows.value.filter((row) => row.key !== key);
  }

  function setDefaultLevel(level: AccessLevel): void {
    defaultLevel.value = level;
    previewed.value = null;
  }

  /** The hub's check of every sendable row: nothing is written or sent. */
  async function check(): Promise<void> {
    const asked = sendable.value;
    if (asked.length === 0) return;
    const answer = await callOrThrow('invitations.previewBulk', { rows: asked.map((entry) => entry.row) });
    previewed.value = new Map(asked.map((entry, index) => [entry.key, answer.rows[index] ?? { index, outcome: 'refused', code: 'internal', message: 'The hub did not answer for this row; check the list again.' }]));
    isInvitationEmailed.value = answer.isInvitationEmailed;
  }

  function resultLine(row: ListRow, outcome: BulkResultLine['outcome'], link: string | null, reason: string | null): BulkResultLine {
    const draft = withLevel(row.draft);
    return { line: draft.line, email: draft.email, level: draft.level, team: draft.team, restrictions: draft.restrictions, outcome, link, reason };
  }

  function localReason(status: RowStatus | undefined): string {
    if (status?.kind === 'problem') return Object.values(status.problems).join(' ');
    if (status?.kind === 'repeated' || status?.kind === 'refused') return status.message;
    return 'Not sent.';
  }

  /** Sends the rows the hub found ready, as one request; every other row is reported with why it was not sent. */
  async function send(): Promise<void> {
    const ready = sendable.value.filter((entry) => previewed.value?.get(entry.key)?.outcome === 'ready');
    if (ready.length === 0) return;
    phase.value = 'sending';
    progress.value = { done: 0, total: ready.length };
    let answer: Awaited<ReturnType<typeof sendRows>>;
    try {
      answer = await sendRows(ready.map((entry) => entry.row));
    } catch (failure) {
      phase.value = 'edit';
      progress.value = null;
      throw failure;
    }
    const sentByKey = new Map(ready.map((entry, index) => [entry.key, answer.rows[index]]));
    results.value = rows.value.map((row, index) => {
      const sent = sentByKey.get(row.key);
      if (!sent) return resultLine(row, 'refused', null, localReason(statuses.value[index]));
      if (sent.outcome === 'refused') return resultLine(row, 'refused', null, sent.message);
      return sent.isEmailed ? resultLine(row, 'emailed', null, null) : resultLine(row, 'link', sent.inviteUrl, null);
    });
    phase.value = 'done';
    progress.value = null;
  }

  function sendRows(list: BulkInvitationRow[]) {
    return callOrThrow('invitations.sendBulk', { rows: list });
  }

  return {
    defaultLevel,
    rows,
    readProblem,
    isInvitationEmailed,
    phase,
    progress,
    results,
    statuses,
    sendable,
    readyCount,
    refusedCount,
    notSendableCount,
    isChecked,
    problemOf,
    reset,
    read,
    edit,
    remove,
    setDefaultLevel,
    check,
    send,
  };
});
