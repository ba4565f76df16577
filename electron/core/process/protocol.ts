// The messages between the core host (the desktop core in its own process)
// and its parent (Electron's main process, or the web console). The same
// messages travel over a Node IPC channel (child_process.fork) or Electron's
// parentPort (utilityProcess); each side checks every message it receives.
//
// Parent -> host: start, API calls, replies to port calls, deep links, stop.
// Host -> parent: ready (or why it could not start), replies, API events,
// port calls, log lines, refusals of a message it could not read, stopped.
//
// API payloads (a call's value, an event's payload) are checked by shape
// only here: the renderer-facing contract is checked where calls come in
// (dispatchApiCall, in both processes), and parsing a 20,000-member
// workspace again in the parent would block the very window this process
// split keeps free.
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/contract';
import { API_EVENT_NAMES } from '../../../shared/api/methods';
import { hostSecretSchema, hostSettingsSchema } from './host-settings';
import { PORT_NAMES } from './port-calls';

const callId = z.number().int().nonnegative();

const apiResultSchema = z.union([z.strictObject({ ok: z.literal(true), value: z.unknown() }), z.strictObject({ ok: z.literal(false), error: apiErrorSchema })]);

/** The answer to a port call: its value, or why the parent could not do it. */
export const portResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);
export type PortResult = z.infer<typeof portResultSchema>;

export const toHostMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('start'), settings: hostSettingsSchema, secret: hostSecretSchema }),
  z.strictObject({ kind: z.literal('call'), id: callId, method: z.string().min(1).max(100), input: z.unknown() }),
  z.strictObject({ kind: z.literal('port.reply'), id: callId, result: portResultSchema }),
  /** A gatehouse://invite link was opened (only the parent hears of it). */
  z.strictObject({ kind: z.literal('invitation.opened'), hubUrl: z.string().min(1).max(2_048), token: z.string().min(1).max(500) }),
  /** Close the core (local hub, replica, sync) and exit. */
  z.strictObject({ kind: z.literal('stop') }),
]);
export type ToHostMessage = z.infer<typeof toHostMessageSchema>;

export const fromHostMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ready') }),
  /** The core could not start; `isFolderProblem` when the data folder is for the person to fix (said in one line). */
  z.strictObject({ kind: z.literal('start.failed'), message: z.string(), isFolderProblem: z.boolean() }),
  z.strictObject({ kind: z.literal('reply'), id: callId, result: apiResultSchema }),
  z.strictObject({ kind: z.literal('event'), event: z.strictObject({ name: z.enum(API_EVENT_NAMES), payload: z.unknown() }) }),
  z.strictObject({ kind: z.literal('port'), id: callId, name: z.enum(PORT_NAMES), input: z.unknown() }),
  /** One line of the core's log (JSON), for the parent to write: one process writes the log file. */
  z.strictObject({ kind: z.literal('log'), line: z.string() }),
  /** A message the host could not read; `id` when it named a call, which fails with this. */
  z.strictObject({ kind: z.literal('refused'), id: callId.nullable(), error: apiErrorSchema }),
  z.strictObject({ kind: z.literal('stopped') }),
]);
export type FromHostMessage = z.infer<typeof fromHostMessageSchema>;

/** The first problem zod found, in one line ("id: Invalid input: expected number, received string"). */
export function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The message is not valid.';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** The kind and call id of a message that failed its check, where they can be read, so the call it names fails instead of hanging. */
export function idOf(raw: unknown): { kind: unknown; id: number | null } {
  const message = (typeof raw === 'object' && raw !== null ? raw : {}) as { kind?: unknown; id?: unknown };
  const id = callId.safeParse(message.id);
  return { kind: message.kind, id: id.success ? id.data : null };
}
