// The parent's side of the port calls: checks what the core asks for against
// the port's input schema, does it with the parent's own ports, and answers.
// A call that fails its check is refused with the reason and nothing is done.
import { statSync } from 'node:fs';
import type { ParentPorts, PortInput, PortName, PortOutput } from './port-calls';
import { PORT_CALLS } from './port-calls';
import type { PortResult } from './protocol';
import { describeProblem } from './protocol';

type PortHandlers = { [N in PortName]: (ports: ParentPorts, input: PortInput<N>) => Promise<PortOutput<N>> | PortOutput<N> };

const PORT_HANDLERS: PortHandlers = {
  chooseExportTarget: (ports, { suggestedName }) => ports.chooseExportTarget(suggestedName),
  notify(ports, { title, body }) {
    ports.notify(title, body);
    return null;
  },
  async openExternal(ports, { url }) {
    await ports.openExternal(url);
    return null;
  },
  // Only a folder: opening a file could run it, and the core has only folders to show.
  showFolder: async (ports, { path }) => (ports.showFolder && isFolder(path) ? ports.showFolder(path) : false),
  'secrets.save'(ports, { value }) {
    ports.secrets.save(value);
    return null;
  },
  'secrets.clear'(ports) {
    ports.secrets.clear();
    return null;
  },
};

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export async function servePortCall(ports: ParentPorts, name: PortName, input: unknown): Promise<PortResult> {
  const parsed = PORT_CALLS[name].input.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad_port_call', message: `The core asked for ${name} with ${describeProblem(parsed.error)}; nothing was done.` } };
  }
  try {
    const handler = PORT_HANDLERS[name] as (ports: ParentPorts, input: unknown) => unknown;
    return { ok: true, value: await handler(ports, parsed.data) };
  } catch (error) {
    return { ok: false, error: { code: 'port_failed', message: error instanceof Error ? error.message : String(error) } };
  }
}
