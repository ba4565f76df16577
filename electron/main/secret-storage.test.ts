// Issue 9, item 12: on Linux, safeStorage's `basic_text` backend (no keyring)
// is reported as plaintext, like having no secret store.
import { describe, expect, it } from 'vitest';
import { secretStorageKind } from './secret-storage';

describe('secret storage kind', () => {
  it('issue 9.12: Linux with the basic_text backend is plaintext, though safeStorage says encryption is available', () => {
    expect(secretStorageKind({ platform: 'linux', isEncryptionAvailable: true, linuxBackend: 'basic_text' }).kind).toBe('plaintext');
  });

  it('issue 9.12: a Linux keyring (libsecret, KWallet) is the OS secret store', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) {
      expect(secretStorageKind({ platform: 'linux', isEncryptionAvailable: true, linuxBackend })).toEqual({ kind: 'os', whyPlaintext: null });
    }
  });

  it('issue 9.12: no secret store at all is plaintext on every platform; macOS and Windows have no backend to check', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(secretStorageKind({ platform, isEncryptionAvailable: false, linuxBackend: null }).kind).toBe('plaintext');
    }
    expect(secretStorageKind({ platform: 'darwin', isEncryptionAvailable: true, linuxBackend: null }).kind).toBe('os');
    expect(secretStorageKind({ platform: 'win32', isEncryptionAvailable: true, linuxBackend: null }).kind).toBe('os');
  });
});
