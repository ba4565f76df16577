// U8/R3/X1, issue 12: the hub's word on a member export that the desktop
// writes from its replica. The hub decides and records the export every time
// (members.export with `includeRows: false`); it answers with the count its
// audit entry holds and the seq it counted at, not with the members, which
// the replica already has.
//
// The rows are written once the replica holds at least that seq. Normally it
// does the moment the answer arrives: the hub sends every change it
// committed before the export on the same socket, ahead of the answer, and
// the sync client applies each frame as it comes. A replica that is behind
// (resyncing after a failed write, or taking a snapshot) is waited for, up
// to CATCH_UP_MS; past that nothing is written. The file then holds the
// replica as it is after catching up: the members the hub counted, and any
// change committed since (docs/protocol.md, Exports).
//
// A hub from before `includeRows` refuses the unknown key as
// `invalid_message`; it is asked again the older way, and its full answer
// (whose members are not read) gives the count.
import type { Logger } from 'pino';
import type { RequestInput, RequestResult } from '../../../shared/protocol';
import { ApiFailure } from '../api-failure';
import type { OpenWorkspace, ReplicaQueries } from '../replica/replica-queries';

export interface ExportGrantRequest {
  /** Sends members.export; resolves with the hub's answer, read with the shared schema, or rejects with its refusal. */
  ask: (input: RequestInput<'members.export'>) => Promise<RequestResult<'members.export'>>;
  queries: ReplicaQueries;
  open: () => OpenWorkspace;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** How long the replica may take to reach the seq the hub counted at (CATCH_UP_MS). */
  catchUpMs?: number;
}

/** What the hub allowed: how many members its audit entry records, as of which seq (null from a hub too old to say). */
export interface ExportGrant {
  count: number;
  seq: number | null;
}

/** Long enough for a 100,000-member snapshot and its list catch-up on a slow disk (bench/README.md, 9c). */
export const CATCH_UP_MS = 30_000;
const POLL_MS = 100;

export const REPLICA_BEHIND_MESSAGE = 'This computer’s copy of the workspace has not caught up with the hub yet, so no file was written. Try the export again in a moment.';

/** The hub's answer as a grant; a full answer (an older hub's) is counted, not read. */
function grantOf(answer: RequestResult<'members.export'>): ExportGrant {
  return 'count' in answer ? answer : { count: answer.members.length, seq: null };
}

async function askHub(request: ExportGrantRequest): Promise<ExportGrant> {
  try {
    return grantOf(await request.ask({ includeRows: false }));
  } catch (error) {
    // Nothing was decided or recorded: the hub could not read the request.
    if (!(error instanceof ApiFailure) || error.code !== 'invalid_message') throw error;
    request.logger.info({ reason: error.message }, 'the hub does not know includeRows; asking for the member export the older way');
    return grantOf(await request.ask({}));
  }
}

/** The replica's seq and member count once its lists are caught up, or null while they cannot be (a snapshot holds the file). */
function replicaState(request: ExportGrantRequest): { seq: number; members: number } | null {
  if (!request.queries.catchUp()) return null;
  const summary = request.queries.summary(request.open());
  return summary && { seq: summary.seq, members: summary.counts.members };
}

async function caughtUp(request: ExportGrantRequest, grant: ExportGrant): Promise<{ seq: number; members: number } | null> {
  const deadline = Date.now() + (request.catchUpMs ?? CATCH_UP_MS);
  for (;;) {
    const state = replicaState(request);
    if (state && (grant.seq === null || state.seq >= grant.seq)) return state;
    if (Date.now() >= deadline) {
      request.logger.warn({ hubSeq: grant.seq, replicaSeq: state?.seq ?? null }, 'the replica did not reach the seq the hub counted the export at; nothing written');
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Asks the hub (R3, X1) and waits for the replica to hold what the hub
 * counted. Resolves with the grant once the rows may be written; rejects
 * with the hub's refusal, or with `replica_behind` when the replica does not
 * catch up in time.
 */
export async function grantMembersExport(request: ExportGrantRequest): Promise<ExportGrant> {
  const grant = await askHub(request);
  const state = await caughtUp(request, grant);
  if (!state) throw new ApiFailure('replica_behind', REPLICA_BEHIND_MESSAGE);
  const facts = { hubCount: grant.count, hubSeq: grant.seq, replicaSeq: state.seq, replicaMembers: state.members };
  // At the same seq the two should agree; they differ when the replica left out records it could not read (those are shown as unreadable).
  if (state.seq === grant.seq && state.members !== grant.count) request.logger.warn(facts, 'the replica holds another number of members than the hub counted at the same seq');
  else request.logger.info(facts, 'the hub allowed the member export');
  return grant;
}
