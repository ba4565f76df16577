// Reading hub frames record by record: the envelope is checked strictly, but
// each member, team and contact in a snapshot, a snapshot part or a change set
// is checked on its own, so one record this version cannot read is left out
// (and counted) instead of taking the whole frame with it.
import { z } from 'zod';
import { contactSchema, idSchema, memberSchema, teamSchema } from '../domain/schemas';
import type { RecordKind, ServerMessage, WorkspaceChanges, WorkspaceSnapshot } from './server-messages';
import { RECORD_KINDS, serverMessageSchema, snapshotPartSchema, workspaceChangesSchema, workspaceSnapshotSchema } from './server-messages';

const recordSchemas = { members: memberSchema, teams: teamSchema, contacts: contactSchema } as const;

/** A record left out of a frame: its id when it has a readable one, and why. */
export interface UnreadableRecord {
  kind: RecordKind;
  id: string | null;
  reason: string;
}

const looseRecords = z.array(z.unknown());
const looseSnapshotSchema = workspaceSnapshotSchema.extend({ members: looseRecords, teams: looseRecords, contacts: looseRecords });
const looseListSchema = z.object({ upserted: looseRecords, deleted: z.array(idSchema) });
const looseChangesSchema = workspaceChangesSchema.extend({ members: looseListSchema, teams: looseListSchema, contacts: looseListSchema });
const loosePartSchema = snapshotPartSchema.extend({ kind: z.enum(RECORD_KINDS), records: looseRecords });

/** The frames as the hub sends them, with their records not yet read. */
const looseMessageSchema = z.union([
  z.object({ type: z.literal('snapshot'), seq: z.number().int().nonnegative(), snapshot: looseSnapshotSchema }),
  z.object({
    type: z.literal('changes'),
    fromSeq: z.number().int().nonnegative(),
    seq: z.number().int().nonnegative(),
    changes: looseChangesSchema,
  }),
  loosePartSchema,
  // Every other frame as strictly as ever (the loose shapes above are tried first).
  serverMessageSchema,
]);

export type ReadServerMessage =
  | { ok: true; message: ServerMessage; unreadable: UnreadableRecord[] }
  | { ok: false; reason: string };

function readRecords<K extends RecordKind>(kind: K, items: unknown[], unreadable: UnreadableRecord[]): Array<z.infer<(typeof recordSchemas)[K]>> {
  const kept: Array<z.infer<(typeof recordSchemas)[K]>> = [];
  for (const item of items) {
    const parsed = recordSchemas[kind].safeParse(item);
    if (parsed.success) {
      kept.push(parsed.data as z.infer<(typeof recordSchemas)[K]>);
      continue;
    }
    const id = idSchema.safeParse((item as { id?: unknown } | null)?.id);
    unreadable.push({ kind, id: id.success ? id.data : null, reason: z.prettifyError(parsed.error) });
  }
  return kept;
}

/**
 * Parses a frame's text. Records that fail their schema are returned apart in
 * `unreadable`; anything else wrong (not JSON, an unknown type, a broken
 * envelope, workspace or preferences) fails the frame, with the reason.
 */
export function readServerMessage(text: string): ReadServerMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the frame is not JSON' };
  }
  const parsed = looseMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  const loose = parsed.data;
  const unreadable: UnreadableRecord[] = [];
  if (loose.type === 'snapshot') {
    const snapshot: WorkspaceSnapshot = {
      ...loose.snapshot,
      members: readRecords('members', loose.snapshot.members, unreadable),
      teams: readRecords('teams', loose.snapshot.teams, unreadable),
      contacts: readRecords('contacts', loose.snapshot.contacts, unreadable),
    };
    return { ok: true, message: { ...loose, snapshot }, unreadable };
  }
  if (loose.type === 'snapshot.part') {
    const { kind } = loose;
    const records =
      kind === 'members'
        ? readRecords('members', loose.records, unreadable)
        : kind === 'teams'
          ? readRecords('teams', loose.records, unreadable)
          : readRecords('contacts', loose.records, unreadable);
    return { ok: true, message: { ...loose, records }, unreadable };
  }
  if (loose.type === 'changes') {
    const list = <K extends RecordKind>(kind: K) => ({
      upserted: readRecords(kind, loose.changes[kind].upserted, unreadable),
      deleted: loose.changes[kind].deleted,
    });
    const changes: WorkspaceChanges = { ...loose.changes, members: list('members'), teams: list('teams'), contacts: list('contacts') };
    return { ok: true, message: { ...loose, changes }, unreadable };
  }
  return { ok: true, message: loose, unreadable };
}
