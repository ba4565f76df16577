// Reads one frame from a client: JSON, a known type, the shape of that type.
// Every failure becomes an error the hub answers with, never a throw.
import type { RawData } from 'ws';
import type { ClientRequest, HubError } from '../../shared/protocol';
import { clientRequestSchema } from '../../shared/protocol';
import { issueInWords } from '../domain/field-words';

export type ParsedFrame =
  /** `characters`: the frame's length as sent, what the upload quota counts (a parsed request grows by the defaults its schema fills in). */
  | { ok: true; request: ClientRequest; characters: number }
  /** `id` is set when the frame named one, so the error can be a reply to it. */
  | { ok: false; id: string | null; error: HubError };

const KNOWN_TYPES = new Set(clientRequestSchema.options.map((option) => option.shape.type.value as string));

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value as { id: unknown };
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
}

export function parseClientFrame(data: RawData, isBinary: boolean): ParsedFrame {
  if (isBinary) return { ok: false, id: null, error: { code: 'invalid_message', message: 'Frames must be JSON text.' } };
  let value: unknown;
  const text = data.toString();
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: { code: 'bad_json', message: 'The message is not valid JSON.' } };
  }
  const id = idOf(value);
  const type = typeof value === 'object' && value !== null && 'type' in value ? (value as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    // The type is not echoed: it is a name from the code, and the sender already knows what it sent.
    return { ok: false, id, error: { code: 'unknown_type', message: 'This hub does not know this kind of request; the app may be newer than the hub.' } };
  }
  const parsed = clientRequestSchema.safeParse(value);
  if (!parsed.success) {
    const message = issueInWords(parsed.error.issues[0], 'The message is not valid.');
    return { ok: false, id, error: { code: 'invalid_message', message } };
  }
  return { ok: true, request: parsed.data, characters: text.length };
}
