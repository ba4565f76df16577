// The session token inside the core host. The core reads it synchronously,
// many times (SecretStore.load), but only the parent can keep it (safeStorage
// exists in Electron's main process only): the host is handed the token at
// start, keeps a copy, and tells the parent each change, in order, to keep.
import type { SecretStore } from '../secret-store';
import type { CoreHostSecret } from './host-settings';

export function mirroredSecretStore(initial: CoreHostSecret, keep: (value: string | null) => void): SecretStore {
  let value = initial.value;
  return {
    kind: initial.kind,
    save(next) {
      value = next;
      keep(next);
    },
    load: () => value,
    clear() {
      value = null;
      keep(null);
    },
  };
}
