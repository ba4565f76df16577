// Issue 13.2: an invitation without an end date is sent without the new
// fields, so hubs older than temporary access accept it; one with an end
// date carries both.
import { describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import { hubRequestBody } from './hub-request-body';

const invite = { email: 'ada@example.com', level: 'agent', restrictions: NO_RESTRICTIONS };

describe('the body of a hub request', () => {
  it('issue 13.2: leaves out an empty end date and heir on an invitation', () => {
    expect(hubRequestBody('member.invite', { ...invite, accessUntil: null, accessHeirId: null })).toEqual(invite);
  });

  it('issue 13.2: keeps an end date and its heir, and keeps null on an edit (null there means "no end")', () => {
    expect(hubRequestBody('member.invite', { ...invite, accessUntil: 5, accessHeirId: null })).toEqual({ ...invite, accessUntil: 5, accessHeirId: null });
    const edit = { memberId: 'm1', accessUntil: null, accessHeirId: null, baseVersion: 2 };
    expect(hubRequestBody('member.edit', edit)).toEqual(edit);
  });
});
