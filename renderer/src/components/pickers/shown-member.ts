// What a member picker needs to show a member: a name, and the address that
// tells two people of one name apart when the picker has it.
import type { MemberChoice } from '@shared/api/list-queries-contract';

export type ShownMember = Pick<MemberChoice, 'id' | 'displayName'> & { email?: string };
