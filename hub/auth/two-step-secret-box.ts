// Issue 13.5: authenticator secrets are stored encrypted (AES-256-GCM), with a
// key kept in its own 0600 file beside the hub's database (two-step.key), not
// in the database. A copy of hub.sqlite alone (a backup sent elsewhere, a
// stolen file) then does not hand over anyone's second step; whoever can read
// the data folder as the hub's own user still can, as they can read the hub.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensurePrivateFolder, makeFilePrivate, PRIVATE_FILE_MODE } from '../platform/private-files';

export const TWO_STEP_KEY_FILE = 'two-step.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

export class TwoStepSecretBox {
  private constructor(private readonly key: Buffer) {}

  /**
   * The box whose key lives beside `databaseFile`, made on first use (0600,
   * created exclusively, so a hub and the command line racing agree on one
   * key). A database in memory (tests) gets a key in memory.
   */
  static beside(databaseFile: string): TwoStepSecretBox {
    if (databaseFile === '' || databaseFile === ':memory:') return new TwoStepSecretBox(randomBytes(KEY_BYTES));
    return TwoStepSecretBox.inFile(join(dirname(databaseFile), TWO_STEP_KEY_FILE));
  }

  /**
   * The box whose key is in `keyFile`, made there on first use as above.
   * Issue 14.1: hubs that share a PostgreSQL database must all be given the
   * same key file (a copy of it), or a secret sealed by one cannot be opened
   * by another.
   */
  static inFile(keyFile: string): TwoStepSecretBox {
    return new TwoStepSecretBox(readOrCreateKey(keyFile));
  }

  seal(secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(':');
  }

  /** Throws when the text was sealed with another key or altered: the hub must not guess a secret. */
  open(sealed: string): string {
    const [format, iv, tag, body] = sealed.split(':');
    if (format !== FORMAT || !iv || !tag || body === undefined) throw new Error('A two-step secret is stored in a form this hub cannot read.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

function readOrCreateKey(file: string): Buffer {
  ensurePrivateFolder(dirname(file));
  try {
    writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Made by an older run or another process, or just now: 0600 whatever the umask.
  makeFilePrivate(file);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`The two-step key file ${file} is damaged: it must hold ${KEY_BYTES} bytes in base64.`);
  return key;
}
