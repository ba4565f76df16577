// Where the session token is kept. In Electron it is encrypted with the OS's
// secret store (safeStorage); where there is none (or in the web console) it
// is a file readable only by the user, and the app says so.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, cipher ? cipher.encrypt(value) : Buffer.from(value, 'utf8'), { mode: 0o600 });
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
