// The desktop's own settings (which hub, which workspace, the local hub's
// port), in a JSON file in the app's data folder. A missing or unreadable file
// means first run (D5), never a crash. It names the hub and the person, so it
// is the owner's only (0600 in a 0700 folder).
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from '../../hub';
import { workspaceMembershipSchema } from '../../shared/protocol';

export const desktopConfigSchema = z.object({
  hub: z
    .object({
      url: z.string(),
      isLocal: z.boolean(),
      isShared: z.boolean(),
      port: z.number().int().nullable(),
      /** The address of this computer the person chose for a shared local hub (files written before it existed: none). */
      address: z.string().nullable().default(null),
    })
    .nullable(),
  person: z.object({ personId: z.string(), displayName: z.string(), email: z.string() }).nullable(),
  workspaces: z.array(workspaceMembershipSchema),
  activeWorkspaceId: z.string().nullable(),
});
export type DesktopConfig = z.infer<typeof desktopConfigSchema>;

export const EMPTY_CONFIG: DesktopConfig = { hub: null, person: null, workspaces: [], activeWorkspaceId: null };

export class ConfigStore {
  constructor(private readonly file: string) {}

  read(): DesktopConfig {
    try {
      return desktopConfigSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return { ...EMPTY_CONFIG };
    }
  }

  /** Written to a temporary file first, so a crash never leaves half a file. */
  write(config: DesktopConfig): void {
    const temporary = `${this.file}.tmp`;
    // A temporary file left by a crash keeps its old mode unless narrowed: writePrivateFile does.
    writePrivateFile(temporary, JSON.stringify(config, null, 2));
    renameSync(temporary, this.file);
  }
}
