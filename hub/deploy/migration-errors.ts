// Why a move of a hub from SQLite to PostgreSQL did not happen (issue 14.5),
// as sentences for the operator: no stack trace, and always what state the
// two databases are left in.

/** Refused before anything was written: the source or the target is not fit to move (a running hub, a target holding a hub). */
export class MigrationRefusedError extends Error {
  override readonly name = 'MigrationRefusedError';
}

/** Failed after the copy began; its transaction was rolled back, so the target holds no hub rows. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
}
