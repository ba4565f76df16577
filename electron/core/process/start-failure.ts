// Why the core could not start, as the parent says it: a data folder, replica
// or hub database that cannot be used is for the person to fix (one line, no
// stack trace); anything else is a bug, whose details go to the log.
import { fileSystemReason, HubDataFolderError } from '../../../hub';
import { ApiFailure } from '../api-failure';

export interface StartFailure {
  message: string;
  isFolderProblem: boolean;
}

export function startFailure(error: unknown, dataDir: string): StartFailure {
  const reason = fileSystemReason(error);
  if (reason) return { message: `cannot use the data folder ${dataDir}: ${reason}.`, isFolderProblem: true };
  if (error instanceof ApiFailure || error instanceof HubDataFolderError) return { message: error.message, isFolderProblem: true };
  return { message: `the core could not start: ${error instanceof Error ? error.message : String(error)}`, isFolderProblem: false };
}
