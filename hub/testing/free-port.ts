// A TCP port on 127.0.0.1 that nothing listens on at the moment of asking.
// Another process may take it before the caller binds: callers that start a
// server of their own retry on "address in use".
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
