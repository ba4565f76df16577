// One SQLite write connection serves every request, and a transaction on it
// now spans awaits. Without a gate, a request's read could run inside another
// request's open transaction (and see writes that may yet roll back), or its
// write could be rolled back with it. The gate runs one piece of work on the
// connection at a time: a single call, or a whole transaction.
//
// Work inside a transaction must use the transaction's store (`tx`): using the
// outer store there would wait for the gate its own transaction holds, so
// that mistake is refused loudly instead of hanging.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Mutex } from 'async-mutex';

export class StoreUsedInsideTransactionError extends Error {
  override readonly name = 'StoreUsedInsideTransactionError';
}

export class ConnectionGate {
  private readonly mutex = new Mutex();
  private readonly insideTransaction = new AsyncLocalStorage<true>();

  /** Runs `work` once nothing else is using the connection. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) {
      return Promise.reject(
        new StoreUsedInsideTransactionError('The store was used directly inside a transaction: use the transaction store it was given.'),
      );
    }
    return this.mutex.runExclusive(work);
  }

  /** Runs `work` alone on the connection, marked so that a call through the outer store is refused. */
  runTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.run(() => this.insideTransaction.run(true, work));
  }
}
