// How far a streamed snapshot has got (issue 12): the hub sends a large
// workspace in parts, the desktop stages them, and the window shows
// "Syncing 42,000 of 100,000 members" instead of an empty page. Pushed by the
// core as the `sync.progress` event.
import { z } from 'zod';
import { idSchema } from '../domain/schemas';

const count = z.number().int().nonnegative();

/** Records of one kind received so far, of the total the hub announced. */
export const kindProgressSchema = z.object({ received: count, total: count });

export const syncProgressSchema = z.object({
  workspaceId: idSchema,
  /**
   * `receiving`: parts are arriving (each written to the replica unseen);
   * `done`: the snapshot is in the replica, whole; `abandoned`: the connection
   * broke (or a part could not be kept) first, the previous copy stays and the
   * hub is asked again.
   */
  phase: z.enum(['receiving', 'done', 'abandoned']),
  members: kindProgressSchema,
  teams: kindProgressSchema,
  contacts: kindProgressSchema,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
