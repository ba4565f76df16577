// A TCP relay between a client and a real hub, so a test can lose the hub's
// answers on the way back (the hub applied a change; the client never heard),
// cut every connection at once, or refuse new ones, without touching either end.
import type { Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export type RelayMode = 'pass' | 'drop_replies' | 'refuse';

export interface TcpRelay {
  /** http://127.0.0.1:PORT: give it to the client instead of the hub's own address. */
  url: string;
  mode: RelayMode;
  /** Bytes from the hub that were dropped (drop_replies). */
  droppedBytes: number;
  /** Connections accepted so far. */
  connections: number;
  /** Closes every open connection, both sides. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpRelay(hubUrl: string): Promise<TcpRelay> {
  const target = new URL(hubUrl);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (relay.mode === 'refuse') {
      client.destroy();
      return;
    }
    relay.connections += 1;
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (relay.mode === 'drop_replies') relay.droppedBytes += chunk.length;
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: TcpRelay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: 'pass',
    droppedBytes: 0,
    connections: 0,
    cutAll() {
      for (const socket of open) socket.destroy();
    },
    close() {
      relay.cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return relay;
}
