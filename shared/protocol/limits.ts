// Limits both ends of the hub protocol agree on.

/**
 * The version of the hub protocol this build speaks. A client states it when
 * it opens the socket (`v` in the query; a client that states none is taken
 * as version 1); a hub refuses the upgrade with 426 to a client newer than
 * itself or older than OLDEST_PROTOCOL_VERSION, and serves every version in
 * between as that version expects. Adding a field, a request type, a message
 * type or an error code does not change it: both ends ignore what they do not
 * know, or refuse it one record at a time. Removing or renaming anything,
 * changing a field's meaning or type, making an optional field required, or
 * sending what an older client cannot skip does: raise it by one then.
 *
 * 2: a snapshot arrives as `snapshot.begin`, `snapshot.part`s and
 * `snapshot.end` (issue 12); a version 1 client still gets one `snapshot`.
 */
export const PROTOCOL_VERSION = 2;

/** The oldest client version a hub of this build still serves (version 1 clients get snapshots in one message). */
export const OLDEST_PROTOCOL_VERSION = 1;

/** The first version whose snapshots come in parts. */
export const STREAMED_SNAPSHOT_VERSION = 2;

/**
 * Largest frame of a streamed snapshot (its UTF-8 bytes): the hub never holds
 * more than a few of these for one socket, whatever the workspace's size.
 */
export const MAX_SNAPSHOT_FRAME_BYTES = 1024 * 1024;

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
  /** The hub failed while streaming a large message (a snapshot, the presence list); reconnect and subscribe again. */
  internalError: 1011,
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
