// The signed-in person's own invitations, with their bearer token: the only
// way an address that already has an account accepts one (or declines it).
import { acceptMyInvitation, declineMyInvitation, listMyInvitations } from '../../domain/my-invitations';
import { sendJson } from '../http-helpers';
import { requirePerson } from './parse-body';
import type { HttpRouteDeps, RouteGroup } from './route-deps';

const LIST = '/api/me/invitations';
const ACT = /^\/api\/me\/invitations\/([A-Za-z0-9_-]{1,64})\/(accept|decline)$/;

export function myInvitationRoutes(deps: HttpRouteDeps): RouteGroup {
  return async ({ request, response, method, pathname }) => {
    if (method === 'GET' && pathname === LIST) {
      const { person } = await requirePerson(deps, request);
      sendJson(response, 200, { invitations: await listMyInvitations(deps.store, person.id, deps.now()) });
      return true;
    }

    const act = ACT.exec(pathname);
    if (method !== 'POST' || !act) return false;
    const [, memberId = '', verb] = act;
    const { person } = await requirePerson(deps, request);
    if (verb === 'accept') {
      const { me, changes } = await acceptMyInvitation(deps.store, person.id, memberId, deps.now());
      await deps.deliver(changes);
      sendJson(response, 200, me);
    } else {
      const { invitations, changes } = await declineMyInvitation(deps.store, person.id, memberId, deps.now());
      await deps.deliver(changes);
      sendJson(response, 200, { invitations });
    }
    return true;
  };
}
