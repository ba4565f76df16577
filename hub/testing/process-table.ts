// Reads Linux's process table (/proc) for tests that must prove a server's
// processes are gone, or kill a server the way a crash would.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessStat {
  pid: number;
  state: string;
  parentPid: number;
  groupId: number;
}

function statOf(pid: number): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // Gone between listing and reading.
  }
  // The command name (field 2) is in parentheses and may hold spaces: the fixed fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: fields[0] ?? '', parentPid: Number(fields[1]), groupId: Number(fields[2]) };
}

/** Alive: in the table and not a zombie (a zombie has exited and only waits for its parent to read its status). */
export function isProcessAlive(pid: number): boolean {
  const stat = statOf(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** Still in the table, a zombie included (PostgreSQL's lock-file check counts a zombie postmaster as running). */
export function isProcessListed(pid: number): boolean {
  return statOf(pid) !== undefined;
}

/** The process's process group, or undefined once it is gone. */
export function processGroupOf(pid: number): number | undefined {
  return statOf(pid)?.groupId;
}

/** The living processes whose parent is `pid`. */
export function childProcessIds(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat && stat.parentPid === pid && stat.state !== 'Z' && stat.state !== 'X') children.push(stat.pid);
  }
  return children;
}

async function waitUntil(isDone: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Resolves once none of `pids` is alive; rejects after `timeoutMs` naming those still running. */
export async function waitUntilProcessesGone(pids: number[], timeoutMs: number): Promise<void> {
  if (await waitUntil(() => !pids.some(isProcessAlive), timeoutMs)) return;
  throw new Error(`Processes ${pids.filter(isProcessAlive).join(', ')} still run ${timeoutMs} ms after they were stopped`);
}

/** Whether the dead `pids` left the table (their parent, often PID 1 for a daemon, read their exit) within `timeoutMs`. */
export function waitUntilProcessesReaped(pids: number[], timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !pids.some(isProcessListed), timeoutMs);
}
