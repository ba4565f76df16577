// How a snapshot read from cursors becomes frames of bounded size, without the
// whole of it ever being one string: for a client of protocol version 2,
// `snapshot.begin`, `snapshot.part`s of at most MAX_SNAPSHOT_FRAME_BYTES and
// `snapshot.end`; for a version 1 client, the one `snapshot` message it
// expects, written as WebSocket fragments of the same size. Each envelope is
// serialized from a typed message with its list left empty and the records
// written in between, so it cannot drift from the schema.
import type { RecordKind, ServerMessage } from '../../shared/protocol';
import { MAX_SNAPSHOT_FRAME_BYTES, RECORD_KINDS, STREAMED_SNAPSHOT_VERSION } from '../../shared/protocol';
import type { SnapshotHeader } from '../domain/snapshot-source';

/** What goes to the socket: a whole message, or (`isFinal` false) a fragment of one that continues; always UTF-8 text. */
export interface Frame {
  data: Buffer;
  isFinal: boolean;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The text of `message` around its empty array `key` (which must be the first
 * `"key":[]` in it: the keys before it hold ids, names and numbers, whose
 * quotes JSON escapes), so records can be written in between.
 */
export function around(message: ServerMessage, key: string): [before: string, after: string] {
  return splitAround(JSON.stringify(message), key);
}

function splitAround(text: string, key: string): [before: string, after: string] {
  const marker = `"${key}":[]`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no empty ${key} in the message`);
  return [text.slice(0, at + marker.length - 1), text.slice(at + marker.length - 1)];
}

/**
 * The bytes of one frame being filled. Each record's JSON is written straight
 * in, so no frame-sized string is ever built (nor flattened, nor copied into
 * a buffer by the socket): what a stream leaves behind for the garbage
 * collector is small strings that die young, and its memory stays flat.
 */
class FrameBytes {
  private buffer = Buffer.allocUnsafe(MAX_SNAPSHOT_FRAME_BYTES);
  private size = 0;

  get isEmpty(): boolean {
    return this.size === 0;
  }

  fits(length: number): boolean {
    return this.size + length <= MAX_SNAPSHOT_FRAME_BYTES;
  }

  write(text: string, length = bytes(text)): void {
    // Only a single record larger than a frame (the schemas allow none) gets here without room: that frame grows.
    if (this.size + length > this.buffer.length) {
      const larger = Buffer.allocUnsafe(this.size + length);
      this.buffer.copy(larger, 0, 0, this.size);
      this.buffer = larger;
    }
    this.size += this.buffer.write(text, this.size, length, 'utf8');
  }

  /** The frame so far; the next one starts in a fresh buffer (the socket holds this one until it is written). */
  take(): Buffer {
    const frame = this.buffer.subarray(0, this.size);
    this.buffer = Buffer.allocUnsafe(MAX_SNAPSHOT_FRAME_BYTES);
    this.size = 0;
    return frame;
  }
}

/** One message written as fragments: text is appended, and whenever the next piece would pass the limit a fragment is cut. */
export class FragmentedMessage {
  private readonly frame = new FrameBytes();

  append(text: string): Frame[] {
    const length = bytes(text);
    const frames = !this.frame.isEmpty && !this.frame.fits(length) ? [{ data: this.frame.take(), isFinal: false }] : [];
    this.frame.write(text, length);
    return frames;
  }

  finish(text: string): Frame[] {
    const frames = this.append(text);
    frames.push({ data: this.frame.take(), isFinal: true });
    return frames;
  }
}

/** A JSON array of records inside one fragmented message: commas between, fragments cut as it grows. */
export class FragmentedList {
  private isFirst = true;

  constructor(private readonly message: FragmentedMessage) {}

  item(json: string): Frame[] {
    const text = this.isFirst ? json : `,${json}`;
    this.isFirst = false;
    return this.message.append(text);
  }
}

export interface SnapshotEncoder {
  begin(): Frame[];
  record(kind: RecordKind, json: string): Frame[];
  endKind(kind: RecordKind): Frame[];
  end(): Frame[];
}

/** Protocol version 2: the header, parts of one kind each, the end. */
class PartsEncoder implements SnapshotEncoder {
  private readonly frame = new FrameBytes();
  private recordsInFrame = 0;
  private readonly envelopes = new Map<RecordKind, { before: string; after: string; afterBytes: number }>();

  constructor(private readonly header: SnapshotHeader) {}

  begin(): Frame[] {
    const { seq, totals, organization, workspace, selfMemberId, preferences } = this.header;
    const message = { type: 'snapshot.begin', seq, totals, organization, workspace, selfMemberId, preferences } satisfies ServerMessage;
    return [{ data: Buffer.from(JSON.stringify(message)), isFinal: true }];
  }

  record(kind: RecordKind, json: string): Frame[] {
    const envelope = this.envelope(kind);
    const length = bytes(json) + 1;
    // Room is kept for the envelope's end, so a part never passes the limit.
    const frames = this.recordsInFrame > 0 && !this.frame.fits(length + envelope.afterBytes) ? [this.part(kind)] : [];
    if (this.recordsInFrame === 0) this.frame.write(envelope.before);
    else this.frame.write(',', 1);
    this.frame.write(json, length - 1);
    this.recordsInFrame += 1;
    return frames;
  }

  endKind(kind: RecordKind): Frame[] {
    return this.recordsInFrame > 0 ? [this.part(kind)] : [];
  }

  end(): Frame[] {
    return [{ data: Buffer.from(JSON.stringify({ type: 'snapshot.end', seq: this.header.seq } satisfies ServerMessage)), isFinal: true }];
  }

  /** A part's text around its records. */
  private envelope(kind: RecordKind): { before: string; after: string; afterBytes: number } {
    let envelope = this.envelopes.get(kind);
    if (!envelope) {
      const [before, after] = around({ type: 'snapshot.part', seq: this.header.seq, kind, records: [] }, 'records');
      envelope = { before, after, afterBytes: bytes(after) };
      this.envelopes.set(kind, envelope);
    }
    return envelope;
  }

  private part(kind: RecordKind): Frame {
    const { after, afterBytes } = this.envelope(kind);
    this.frame.write(after, afterBytes);
    this.recordsInFrame = 0;
    return { data: this.frame.take(), isFinal: true };
  }
}

/** Protocol version 1: the one `snapshot` message it always was, in fragments. */
class OneMessageEncoder implements SnapshotEncoder {
  private readonly message = new FragmentedMessage();
  /** The envelope's text between the lists: before members, between each two, after contacts. */
  private readonly between: string[];
  private list: FragmentedList | null = null;

  constructor(header: SnapshotHeader) {
    const { seq, organization, workspace, selfMemberId, preferences } = header;
    const message = {
      type: 'snapshot',
      seq,
      snapshot: { organization, workspace, selfMemberId, members: [], teams: [], contacts: [], preferences },
    } satisfies ServerMessage;
    // Split around each list in turn: the text before members, between members and teams, and so on.
    const [beforeMembers, afterMembers] = around(message, 'members');
    const [beforeTeams, afterTeams] = splitAround(afterMembers, 'teams');
    const [beforeContacts, afterContacts] = splitAround(afterTeams, 'contacts');
    this.between = [beforeMembers, beforeTeams, beforeContacts, afterContacts];
  }

  begin(): Frame[] {
    return [];
  }

  record(kind: RecordKind, json: string): Frame[] {
    const opened = this.open(kind);
    return [...opened, ...(this.list?.item(json) ?? [])];
  }

  endKind(kind: RecordKind): Frame[] {
    const opened = this.open(kind);
    this.list = null;
    return opened;
  }

  end(): Frame[] {
    return this.message.finish(this.between.at(-1) ?? '');
  }

  /** Writes the envelope up to this kind's list the first time it is reached. */
  private open(kind: RecordKind): Frame[] {
    if (this.list) return [];
    this.list = new FragmentedList(this.message);
    return this.message.append(this.between[RECORD_KINDS.indexOf(kind)] ?? '');
  }
}

export function snapshotEncoder(header: SnapshotHeader, protocolVersion: number): SnapshotEncoder {
  return protocolVersion >= STREAMED_SNAPSHOT_VERSION ? new PartsEncoder(header) : new OneMessageEncoder(header);
}
