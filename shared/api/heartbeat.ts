// The web console's API socket is kept honest by a frame both ways every
// API_HEARTBEAT_MS: a page that hears nothing for API_SILENCE_MS takes the
// console for gone (shown within 5 s) and reconnects by itself.
export const API_HEARTBEAT_MS = 1_000;
export const API_SILENCE_MS = 3_500;

/** What a page shows while its console does not answer, and on every action it cannot take meanwhile. */
export const CONSOLE_LOST_MESSAGES = {
  /** Silent or closed: stopped, frozen, or the network between them is down. */
  unreachable: 'The Gatehouse web console is not reachable. Is it still running? This page reconnects by itself.',
  /** It answers again but no longer knows this page: it was restarted and printed a new link. */
  restarted: 'The Gatehouse web console was restarted. Open the new link it printed to continue.',
} as const;
