// A refusal the desktop core answers a renderer call with.
import type { ApiError } from '../../shared/api/contract';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly rule?: string,
    readonly current?: unknown,
  ) {
    super(message);
  }

  toWire(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
    };
  }
}

/** D1: every change needs the hub. */
export function offlineFailure(): ApiFailure {
  return new ApiFailure('offline', 'This change needs a connection to the hub. Gatehouse is offline; what you see is the last synced copy.');
}
