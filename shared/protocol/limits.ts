// Limits both ends of the hub protocol agree on.

/**
 * The version of the hub protocol this build speaks. A client states it when
 * it opens the socket (`v` in the query; a client that states none is taken
 * as version 1) and a hub on another version refuses the upgrade with 426.
 * Adding a field, a request type, a message type or an error code does not
 * change it: both ends ignore what they do not know, or refuse it one record
 * at a time. Removing or renaming anything, changing a field's meaning or
 * type, or making an optional field required does: raise it by one then.
 */
export const PROTOCOL_VERSION = 1;

/** The response header in which a hub that refuses a client's version states its own. */
export const PROTOCOL_VERSION_HEADER = 'gatehouse-protocol';

/** Largest frame a client may send; the hub closes the socket (1009) past it. */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

/** Close codes the hub uses, named so both ends read the same meaning. */
export const CLOSE_CODES = {
  /** The hub is shutting down; reconnect later. */
  goingAway: 1001,
  /** A frame over MAX_CLIENT_FRAME_BYTES. */
  messageTooBig: 1009,
  /** The member was revoked from the workspace while connected. */
  revoked: 4003,
  /** The session was signed out (or every other session was signed out). */
  sessionEnded: 4001,
  /** The session reached its end of life while the socket was open. */
  sessionExpired: 4002,
  /** No subscribe within the allowed time after connecting. */
  subscribeTimeout: 4008,
  /** Too many malformed messages in a row. */
  tooManyErrors: 4009,
} as const;
