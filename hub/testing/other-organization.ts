// Test helper: a second organization on the same hub whose Owner already has
// an account, with a distinctive name and avatar: the person an inviter of
// another organization must learn nothing about (issue 9.1).
import { bootstrapWorkspace } from '../bootstrap';
import type { TestHub } from './test-hub';

export const OTHER_OWNER = {
  email: 'gil@globex.example',
  name: 'Gil Globex-Owner',
  password: 'globex-password-1',
  avatarDataUrl: 'data:image/png;base64,R2lsR2xvYmV4QXZhdGFy',
} as const;

export async function addOtherOrganization(hub: TestHub): Promise<{ workspaceId: string; personId: string }> {
  const created = await bootstrapWorkspace(hub.hub.store, {
    organizationName: 'Globex',
    workspaceName: 'Globex Support',
    plan: 'growth',
    ownerEmail: OTHER_OWNER.email,
    ownerName: OTHER_OWNER.name,
    ownerPassword: OTHER_OWNER.password,
  });
  await hub.hub.store.people.updateProfile(created.ownerPersonId, OTHER_OWNER.name, OTHER_OWNER.avatarDataUrl, Date.now());
  return { workspaceId: created.workspaceId, personId: created.ownerPersonId };
}
