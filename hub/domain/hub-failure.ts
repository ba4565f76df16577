// A refusal the hub answers with: a stable code, a sentence and, for a policy
// refusal, the rule. Thrown inside a transaction, it rolls everything back.
import type { Denied } from '../../shared/policy';
import type { HubError, HubErrorCode } from '../../shared/protocol';

export class HubFailure extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly rule?: string,
    readonly current?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  static denied(decision: Denied): HubFailure {
    return new HubFailure(decision.code, decision.message, decision.rule);
  }

  toWire(): HubError {
    return {
      code: this.code,
      message: this.message,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

export function notFound(what: string): HubFailure {
  return new HubFailure('not_found', `${what} was not found in this workspace.`);
}
