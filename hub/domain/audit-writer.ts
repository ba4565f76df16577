// X1: every access change with who, whom, what, before/after and when.
import type { AuditAction } from '../../shared/domain';
import type { HubStore } from '../store/hub-store';
import type { MemberWithPerson } from '../store/repos/members';

export interface AuditTarget {
  id: string;
  displayName: string;
}

export class AuditWriter {
  constructor(
    private readonly store: HubStore,
    private readonly workspaceId: string,
    private readonly actor: Pick<MemberWithPerson, 'id' | 'displayName'> | null,
    private readonly now: number,
  ) {}

  /** The same writer, writing through `store` (a savepoint's own store inside the transaction). */
  using(store: HubStore): AuditWriter {
    return new AuditWriter(store, this.workspaceId, this.actor, this.now);
  }

  async record(action: AuditAction, target: AuditTarget | null, before: Record<string, unknown> | null, after: Record<string, unknown> | null): Promise<void> {
    await this.store.audit.insert({
      workspaceId: this.workspaceId,
      at: this.now,
      actorMemberId: this.actor?.id ?? null,
      actorName: this.actor?.displayName ?? 'Gatehouse',
      action,
      targetMemberId: target?.id ?? null,
      targetName: target?.displayName ?? null,
      before,
      after,
    });
  }
}

/** The access-relevant facts of a member, as the audit log shows them before and after. */
export function accessFacts(member: Pick<MemberWithPerson, 'level' | 'restrictions' | 'status' | 'email'>): Record<string, unknown> {
  return { email: member.email, level: member.level, status: member.status, restrictions: member.restrictions };
}

/**
 * Issue 13.2: a member's end of access as the audit log shows it: when, and
 * who then receives the contacts (by name, as the log keeps names).
 */
export async function accessEndFacts(
  store: HubStore,
  member: Pick<MemberWithPerson, 'accessUntil' | 'accessHeirMemberId'>,
): Promise<{ accessUntil: number | null; accessHeir: string | null }> {
  const heir = member.accessHeirMemberId === null ? undefined : await store.members.byId(member.accessHeirMemberId);
  return { accessUntil: member.accessUntil, accessHeir: heir?.displayName ?? null };
}
