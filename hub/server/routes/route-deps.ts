// What every group of HTTP routes works with, and the shape of a route group:
// it answers the request and returns true, or returns false to let the next
// group try.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignInService } from '../../auth/sign-in';
import type { ChangeRecorder } from '../../domain/change-recorder';
import type { HubStore } from '../../store/hub-store';

export interface HttpRouteDeps {
  store: HubStore;
  signIn: SignInService;
  publicUrl: string;
  now: () => number;
  /** Broadcasts what a committed change touched to the workspace's desktops. */
  deliver: (changes: ChangeRecorder) => void;
  /** Closes the sockets of a session that signed out. */
  onSignedOut: (sessionHash: string) => void;
}

export interface RouteRequest {
  request: IncomingMessage;
  response: ServerResponse;
  method: string;
  pathname: string;
}

export type RouteGroup = (route: RouteRequest) => Promise<boolean>;
