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
  /** As of the last `refreshSettings` (done at the start of every request but /healthz). */
  publicUrl: string;
  /** Reads the hub's stored settings again, so a change stored by another process applies to this request. */
  refreshSettings: () => Promise<void>;
  now: () => number;
  /** Broadcasts what a committed change touched to the workspace's desktops; resolves once sent (the answer goes after). */
  deliver: (changes: ChangeRecorder) => Promise<void>;
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
