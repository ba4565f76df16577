// When the hub refuses a socket with a reason a person can act on (a
// workspace that requires two-step sign-in past its deadline answers 428,
// issue 13.5), the reason is the JSON body of the refused upgrade. Read it,
// bounded in size and time, so the window shows the hub's sentence rather
// than a status number.
import type { IncomingMessage } from 'node:http';
import { httpErrorBodySchema } from '../../../shared/protocol';

const MAX_BODY_BYTES = 4096;
const READ_TIMEOUT_MS = 2000;

/** The hub's sentence from a refused upgrade, or null when the body is missing, too long, late or not the hub's error shape. */
export function readRefusalMessage(response: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (message: string | null): void => {
      clearTimeout(timer);
      response.removeAllListeners('data');
      resolve(message);
    };
    const timer = setTimeout(() => finish(null), READ_TIMEOUT_MS);
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return finish(null);
      chunks.push(chunk);
    });
    response.on('error', () => finish(null));
    response.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return finish(null);
      }
      const parsed = httpErrorBodySchema.safeParse(body);
      finish(parsed.success ? parsed.data.error.message : null);
    });
  });
}
