// The baseline server for the fan-out and memory benchmarks: a plain `ws`
// server with no auth, no store and no policy. It broadcasts a payload to
// every client when asked (`broadcast:<payload>`); told a list of frames
// (`replies:<JSON array>`, acknowledged), it answers every other message with them, so its
// clients exchange the same frames as the hub's do when they subscribe.
// Prints its port when ready. Its one argument, if given, is the largest
// frame it takes from a client (the hub's limit, for a like-for-like server).
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, ...(process.argv[2] === undefined ? {} : { maxPayload: Number(process.argv[2]) }) });
let replies = [];
server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('broadcast:')) {
      const payload = text.slice('broadcast:'.length);
      for (const client of server.clients) client.send(payload);
      return;
    }
    if (text.startsWith('replies:')) {
      replies = JSON.parse(text.slice('replies:'.length));
      socket.send('replies set');
      return;
    }
    for (const reply of replies) socket.send(reply);
  });
});
server.on('listening', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
