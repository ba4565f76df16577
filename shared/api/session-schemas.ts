// The schemas of the desktop's own state (app, connection, session, the
// workspace view) that several parts of the API contract return.
import { z } from 'zod';
import { idSchema } from '../domain/schemas';
import { presenceSchema, workspaceMembershipSchema, workspaceSnapshotSchema } from '../protocol';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Where the core runs: inside Electron, or in Node behind the web console. */
  runtime: z.enum(['electron', 'node']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const connectionStateSchema = z.object({
  status: z.enum(['online', 'connecting', 'offline']),
  /** Why it is not online, in words, or null. */
  detail: z.string().nullable(),
  /** When the next attempt is due (offline), or null. */
  retryAt: z.number().nullable(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const sessionStateSchema = z.object({
  phase: z.enum(['first_run', 'signed_out', 'signed_in']),
  hub: z
    .object({
      /** The address others use (and invitation links name); for a remote hub, the one signed in to. */
      url: z.string(),
      isLocal: z.boolean(),
      isShared: z.boolean(),
      /** The address of this computer chosen for a shared local hub, or null. */
      address: z.string().nullable(),
      /**
       * Where `url` comes from for a local hub: the operator's public address, the
       * address the person chose, or this computer only (127.0.0.1); null for a remote hub.
       */
      urlSource: z.enum(['operator', 'hub_settings', 'chosen', 'loopback']).nullable(),
    })
    .nullable(),
  person: z.object({ personId: idSchema, displayName: z.string(), email: z.string() }).nullable(),
  workspaces: z.array(workspaceMembershipSchema),
  activeWorkspaceId: idSchema.nullable(),
  connection: connectionStateSchema,
  /** Where the session token is kept: the OS's secret store, or a plain file (with a warning). */
  secretStorage: z.enum(['os', 'plaintext']),
  /**
   * Why the app last left a workspace or the session on its own, in words
   * ("Your access to Support was revoked."), or null; cleared by the next sign-in or choice of workspace.
   */
  leftBecause: z.string().nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/** How many records of each kind the hub sent that this version could not read (left out of the replica). */
export const unreadableCountsSchema = z.object({ members: z.number().int().nonnegative(), teams: z.number().int().nonnegative(), contacts: z.number().int().nonnegative() });
export type UnreadableCounts = z.infer<typeof unreadableCountsSchema>;

export const NO_UNREADABLE: UnreadableCounts = { members: 0, teams: 0, contacts: 0 };

export const workspaceViewSchema = z.object({
  seq: z.number().int().nonnegative(),
  snapshot: workspaceSnapshotSchema,
  presence: z.array(presenceSchema),
  /** When the replica last heard from the hub (D1: shown while offline). */
  syncedAt: z.number().nullable(),
  /** What the view lacks because this version could not read it. */
  unreadable: unreadableCountsSchema,
});
export type WorkspaceView = z.infer<typeof workspaceViewSchema>;

export const hubUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value), 'Enter the hub address, such as http://192.168.1.20:4717');
