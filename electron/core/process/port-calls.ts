// What the core, in its own process, asks of its parent: the things only the
// parent can do (Electron's main process owns dialogs, notifications, the
// shell and safeStorage; the web console owns downloads). One table of
// names with input and output schemas, so both sides check every call.
import { z } from 'zod';
import type { DesktopPorts } from '../desktop-ports';

export const exportTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('download'), path: z.string().min(1), url: z.string().min(1), fileName: z.string().min(1) }),
]);

/** Each port the parent serves: what the core sends, and what it gets back. */
export const PORT_CALLS = {
  /** D3: the save-as dialog (Electron) or a download slot (web console); null when the person cancelled. */
  chooseExportTarget: { input: z.strictObject({ suggestedName: z.string().min(1).max(300) }), output: exportTargetSchema.nullable() },
  /** D2: a native notification. */
  notify: { input: z.strictObject({ title: z.string().max(500), body: z.string().max(2_000) }), output: z.null() },
  /** Only web links: the parent opens nothing else in the system's browser. */
  openExternal: { input: z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(4_096) }), output: z.null() },
  /** "Show logs": true once the file manager shows the folder. */
  showFolder: { input: z.strictObject({ path: z.string().min(1).max(4_096) }), output: z.boolean() },
  /** The session token, kept (encrypted where the OS can) by the parent. */
  'secrets.save': { input: z.strictObject({ value: z.string().min(1).max(10_000) }), output: z.null() },
  'secrets.clear': { input: z.strictObject({}), output: z.null() },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type PortName = keyof typeof PORT_CALLS;
export const PORT_NAMES = Object.keys(PORT_CALLS) as [PortName, ...PortName[]];
export type PortInput<N extends PortName> = z.infer<(typeof PORT_CALLS)[N]['input']>;
export type PortOutput<N extends PortName> = z.infer<(typeof PORT_CALLS)[N]['output']>;

/** What stays with the parent of the core's ports: everything that needs the parent's process. */
export type ParentPorts = Pick<DesktopPorts, 'chooseExportTarget' | 'notify' | 'openExternal' | 'showFolder' | 'secrets'>;
