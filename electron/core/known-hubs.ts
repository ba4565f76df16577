// The hubs this app has signed in to or joined. An invitation link may name
// any hub; before a password goes to one that is not on this list, the person
// must confirm it (a link could send it to a hub of the sender's choosing).
// The file says which hubs the person uses, so only its owner may read it.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const knownHubsFileSchema = z.object({ hubs: z.array(z.string()) });

/** One spelling per hub: scheme, host and port as URL writes them, and the path without a trailing slash. */
export function hubKey(hubUrl: string): string {
  try {
    const url = new URL(hubUrl.trim());
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL at all: kept as written, so it matches nothing the app has used.
    return hubUrl.trim().replace(/\/+$/, '');
  }
}

export class KnownHubs {
  constructor(private readonly file: string) {}

  has(hubUrl: string): boolean {
    return this.read().includes(hubKey(hubUrl));
  }

  add(hubUrl: string): void {
    const hubs = this.read();
    const key = hubKey(hubUrl);
    if (hubs.includes(key)) return;
    const temporary = `${this.file}.tmp`;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, JSON.stringify({ hubs: [...hubs, key] }, null, 2), { mode: 0o600 });
    // The mode applies only when the file is created: narrow a temporary file a crash left behind.
    if (process.platform !== 'win32') chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }

  /** A missing or unreadable file knows no hub: the worst case is one more confirmation. */
  private read(): string[] {
    try {
      return knownHubsFileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).hubs;
    } catch {
      return [];
    }
  }
}
