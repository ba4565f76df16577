// What a signed-in person does about their own account: change the password
// (re-entering the current one, through the PasswordGuard like a sign-in) and
// sign out their other sessions. Both end the other sessions: whoever may have
// the old password or a stolen token is out, the person stays signed in here.
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import type { PersonRow } from '../store/repos/people';
import type { PasswordGuard } from './password-guard';
import { hashPassword } from './passwords';

export interface AccountSession {
  person: PersonRow;
  sessionHash: string;
  address: string;
}

function passwordChangedMeanwhile(): HubFailure {
  return new HubFailure('invalid_credentials', 'Your password was just changed from somewhere else. Sign in again with the new password.');
}

export class PasswordChange {
  constructor(
    private readonly store: HubStore,
    private readonly guard: PasswordGuard,
    /** Closes the sockets of sessions that were just deleted. */
    private readonly onSessionsEnded: (sessionHashes: string[]) => void,
  ) {}

  async changePassword(session: AccountSession, currentPassword: string, newPassword: string, now: () => number): Promise<void> {
    const { person } = session;
    const isRight = await this.guard.check({ account: person.email, address: session.address, passwordHash: person.passwordHash, password: currentPassword });
    if (!isRight) throw new HubFailure('invalid_credentials', 'Your current password is not right.');
    if (newPassword === currentPassword) throw new HubFailure('invalid_message', 'Choose a new password that is different from your current one.');
    const passwordHash = await hashPassword(newPassword);
    const ended = await this.store.transaction(async (tx) => {
      // Two changes at once (two devices, several hub instances) each checked the same current password: the first wins and the other is refused.
      await tx.locks.person(person.id);
      if ((await tx.people.byId(person.id))?.passwordHash !== person.passwordHash) throw passwordChangedMeanwhile();
      const at = now();
      await tx.people.changePassword(person.id, passwordHash, at);
      await tx.passwordResets.retireOfPerson(person.id, at);
      return tx.sessions.deleteOfPerson(person.id, session.sessionHash);
    });
    this.onSessionsEnded(ended);
  }

  /** Returns how many sessions were signed out. */
  async signOutOthers(session: AccountSession): Promise<number> {
    const ended = await this.store.transaction((tx) => tx.sessions.deleteOfPerson(session.person.id, session.sessionHash));
    this.onSessionsEnded(ended);
    return ended.length;
  }
}
