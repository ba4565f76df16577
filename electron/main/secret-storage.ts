// Whether Electron's safeStorage really protects the session token. On Linux
// without a keyring, Chromium falls back to the `basic_text` backend: it still
// "encrypts", with a password hard-coded in Chromium, so anyone who can read
// the file can read the token. That is plaintext, and the app says so, exactly
// as when there is no secret store at all. Kept apart from Electron so it is
// tested in plain Node.
import type { SecretStore } from '../core/secret-store';

export type LinuxStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export interface SafeStorageFacts {
  platform: NodeJS.Platform;
  isEncryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend(), which exists on Linux only. */
  linuxBackend: LinuxStorageBackend | null;
}

export interface SecretStorageVerdict {
  kind: SecretStore['kind'];
  /** Why the token is not protected by the OS, for the log; null when it is. */
  whyPlaintext: string | null;
}

export function secretStorageKind(facts: SafeStorageFacts): SecretStorageVerdict {
  if (!facts.isEncryptionAvailable) return { kind: 'plaintext', whyPlaintext: 'no OS secret store' };
  if (facts.platform === 'linux' && facts.linuxBackend === 'basic_text') {
    return { kind: 'plaintext', whyPlaintext: 'no keyring (safeStorage would only obfuscate with a built-in key, backend basic_text)' };
  }
  return { kind: 'os', whyPlaintext: null };
}
