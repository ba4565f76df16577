// Bad calls from the renderer get a clear error and reach no handler.
import { describe, expect, it, vi } from 'vitest';
import type { ApiHandlers } from '../../../shared/api';
import { ApiFailure } from '../api-failure';
import { dispatchApiCall } from './dispatch';

const info = { name: 'Gatehouse', version: '1.0.0', runtime: 'node', platform: 'linux', versions: {} } as const;

/** A table with just the handlers a test needs; dispatch never reaches the others. */
function table(handlers: Partial<ApiHandlers>): ApiHandlers {
  return handlers as ApiHandlers;
}

describe('API dispatch', () => {
  it('answers a valid call with the handler’s value', async () => {
    expect(await dispatchApiCall(table({ 'app.getInfo': () => info }), 'app.getInfo', undefined)).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown method without calling anything', async () => {
    const getInfo = vi.fn(() => info);
    const result = await dispatchApiCall(table({ 'app.getInfo': getInfo }), 'fs.readFile', '/etc/passwd');
    expect(result).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no call named "fs.readFile".' } });
    expect(getInfo).not.toHaveBeenCalled();
  });

  it('A5: refuses input that does not match the contract, naming the field', async () => {
    const invite = vi.fn();
    const result = await dispatchApiCall(table({ 'hub.member.invite': invite }), 'hub.member.invite', {
      input: { email: 'nope', level: 'agent' },
    });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'input.email: Enter a valid email address, such as name@example.com' } });
    expect(invite).not.toHaveBeenCalled();
  });

  it('refuses extra fields, so a renderer cannot smuggle a mutation id or an email change', async () => {
    const edit = vi.fn();
    const result = await dispatchApiCall(table({ 'hub.member.edit': edit }), 'hub.member.edit', {
      mutationId: 'chosen-by-renderer',
      input: { memberId: 'm1', level: 'agent', baseVersion: 1 },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(edit).not.toHaveBeenCalled();
  });

  it('passes a handler’s own refusal through, and hides unexpected errors', async () => {
    const refusing = table({
      'app.getInfo': () => {
        throw new ApiFailure('offline', 'This change needs a connection to the hub.');
      },
    });
    expect(await dispatchApiCall(refusing, 'app.getInfo', undefined)).toEqual({
      ok: false,
      error: { code: 'offline', message: 'This change needs a connection to the hub.' },
    });
    const crashing = table({
      'app.getInfo': () => {
        throw new TypeError('x is undefined');
      },
    });
    const seen = vi.fn();
    expect(await dispatchApiCall(crashing, 'app.getInfo', undefined, seen)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(seen).toHaveBeenCalledWith(expect.any(TypeError), 'app.getInfo');
  });
});
