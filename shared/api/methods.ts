// The names of the calls the renderer can make, with no dependency at all, so
// the sandboxed preload can check a channel without bundling the schemas.
export const API_CHANNEL_PREFIX = 'gatehouse:' as const;

export const API_METHOD_NAMES = ['app.getInfo'] as const;
export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (API_METHOD_NAMES as readonly string[]).includes(name);
}

export function apiChannel(method: ApiMethodName): `${typeof API_CHANNEL_PREFIX}${ApiMethodName}` {
  return `${API_CHANNEL_PREFIX}${method}`;
}
