// The store's methods are asynchronous on every database: PostgreSQL answers
// over a socket, so the domain awaits each read and write. The SQLite repos
// stay written the synchronous way better-sqlite3 runs them; this wraps each
// one so that it returns a promise and runs only when the connection is free
// (see connection-gate.ts).

/** A repo whose every method returns a promise of what it returned. */
export type AsyncRepo<Repo> = {
  [Name in keyof Repo]: Repo[Name] extends (...args: infer Args) => infer Result ? (...args: Args) => Promise<Awaited<Result>> : never;
};

export type RunOnConnection = <T>(work: () => T) => Promise<T>;

export function asyncRepo<Repo extends object>(repo: Repo, run: RunOnConnection): AsyncRepo<Repo> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo)) {
    if (typeof method !== 'function') throw new TypeError(`The store's ${name} is not a method.`);
    wrapped[name] = (...args: unknown[]) => run(() => (method as (...args: unknown[]) => unknown)(...args));
  }
  return wrapped as AsyncRepo<Repo>;
}
