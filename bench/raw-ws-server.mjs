// The baseline server for the fan-out and memory benchmarks: a plain `ws`
// server with no auth, no store and no policy, that broadcasts a payload to
// every client when asked. Prints its port when ready.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text.startsWith('broadcast:')) return;
    const payload = text.slice('broadcast:'.length);
    for (const client of server.clients) client.send(payload);
  });
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
