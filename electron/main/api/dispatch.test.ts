// Bad calls from the renderer get a clear error and reach no handler.
import { describe, expect, it, vi } from 'vitest';
import type { ApiHandlers } from '@shared/api';
import { ApiFailure, dispatchApiCall } from './dispatch';

const info = { name: 'Gatehouse', version: '1.0.0', runtime: 'node', platform: 'linux', versions: {} } as const;

describe('API dispatch', () => {
  it('answers a valid call with the handler’s value', async () => {
    const handlers: ApiHandlers = { 'app.getInfo': () => info };
    expect(await dispatchApiCall(handlers, 'app.getInfo', undefined)).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown method without calling anything', async () => {
    const getInfo = vi.fn(() => info);
    const result = await dispatchApiCall({ 'app.getInfo': getInfo }, 'fs.readFile', '/etc/passwd');
    expect(result).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no call named "fs.readFile".' } });
    expect(getInfo).not.toHaveBeenCalled();
  });

  it('refuses input that does not match the contract', async () => {
    const getInfo = vi.fn(() => info);
    const result = await dispatchApiCall({ 'app.getInfo': getInfo }, 'app.getInfo', { unexpected: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(getInfo).not.toHaveBeenCalled();
  });

  it('passes a handler’s own refusal through, and hides unexpected errors', async () => {
    const refusing: ApiHandlers = {
      'app.getInfo': () => {
        throw new ApiFailure('offline', 'This change needs a connection to the hub.');
      },
    };
    expect(await dispatchApiCall(refusing, 'app.getInfo', undefined)).toEqual({
      ok: false,
      error: { code: 'offline', message: 'This change needs a connection to the hub.' },
    });
    const crashing: ApiHandlers = {
      'app.getInfo': () => {
        throw new TypeError('x is undefined');
      },
    };
    expect(await dispatchApiCall(crashing, 'app.getInfo', undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
