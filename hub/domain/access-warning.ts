// Issue 13.2: an Owner sets how many days before a member's access ends the
// hub warns the member and the admins (0: no warning), for the workspace.
import type { RequestResult } from '../../shared/protocol';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireWorkspace } from './projection';

export async function setAccessWarning(context: MutationContext, days: number): Promise<RequestResult<'workspace.set_access_warning'>> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'workspace.set_access_warning' });
  if (days !== workspace.accessEndWarningDays) {
    await store.workspaces.setAccessEndWarningDays(workspace.id, days);
    await context.changes.record(workspace.id, 'workspace', workspace.id);
    await context.audit.record('workspace.access_warning_changed', null, { days: workspace.accessEndWarningDays }, { days });
    context.accessEndsChanged = true;
  }
  return { workspace: toWireWorkspace({ ...workspace, accessEndWarningDays: days }) };
}
