// Where the session token is kept. In Electron it is encrypted with the OS's
// secret store (safeStorage); where there is none (or in the web console) it
// is a file readable only by the user, and the app says so.
import { readFileSync, rmSync } from 'node:fs';
import { writePrivateFile } from '../../hub';

export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface SecretStore {
  /** 'os' when encrypted by the operating system's secret store. */
  readonly kind: 'os' | 'plaintext';
  save(value: string): void;
  load(): string | null;
  clear(): void;
}

export function createFileSecretStore(file: string, cipher: SecretCipher | null): SecretStore {
  return {
    kind: cipher ? 'os' : 'plaintext',
    save(value) {
      // 0600 in a 0700 folder even when encrypted: a token file kept wider by an older version is narrowed too.
      writePrivateFile(file, cipher ? cipher.encrypt(value) : Buffer.from(value, 'utf8'));
    },
    load() {
      try {
        const stored = readFileSync(file);
        return cipher ? cipher.decrypt(stored) : stored.toString('utf8');
      } catch {
        return null;
      }
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
