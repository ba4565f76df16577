// The host's side of the port calls: each call gets an id, waits for the
// parent's reply, and resolves with the reply's value once it has passed the
// port's output schema.
import { ApiFailure } from '../api-failure';
import type { PortName, PortInput, PortOutput } from './port-calls';
import { PORT_CALLS } from './port-calls';
import type { FromHostMessage, PortResult } from './protocol';
import { describeProblem } from './protocol';

interface PendingPortCall {
  name: PortName;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class PortCaller {
  private nextId = 0;
  private readonly pending = new Map<number, PendingPortCall>();

  constructor(private readonly send: (message: FromHostMessage) => void) {}

  call<N extends PortName>(name: N, input: PortInput<N>): Promise<PortOutput<N>> {
    const id = this.nextId++;
    return new Promise<PortOutput<N>>((resolve, reject) => {
      this.pending.set(id, { name, resolve: (value) => resolve(value as PortOutput<N>), reject });
      this.send({ kind: 'port', id, name, input });
    });
  }

  /** The parent's reply to call `id`; a reply to no call is ignored (the parent answered twice, a bug). */
  settle(id: number, result: PortResult): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (!result.ok) {
      call.reject(new ApiFailure(result.error.code, result.error.message));
      return;
    }
    const parsed = PORT_CALLS[call.name].output.safeParse(result.value);
    if (parsed.success) call.resolve(parsed.data);
    else call.reject(new ApiFailure('bad_port_reply', `Gatehouse answered ${call.name} with something it cannot use (${describeProblem(parsed.error)}).`));
  }
}
