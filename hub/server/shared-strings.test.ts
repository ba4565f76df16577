// The view keys of open connections are held once per distinct view, and a
// view no connection holds any more is forgotten (no growth over the life of a hub).
import { describe, expect, it } from 'vitest';
import { SharedStrings } from './shared-strings';

describe('shared strings', () => {
  it('holds one entry per distinct string while any holder has it, and none once all gave it back', () => {
    const strings = new SharedStrings();
    const view = JSON.stringify({ level: 'agent', teamId: 't1' });
    strings.share(view);
    strings.share(JSON.stringify({ level: 'agent', teamId: 't1' }));
    strings.share(JSON.stringify({ level: 'owner', teamId: null }));
    expect(strings.size).toBe(2);
    strings.release(view);
    expect(strings.size).toBe(2);
    strings.release(view);
    strings.release(JSON.stringify({ level: 'owner', teamId: null }));
    expect(strings.size).toBe(0);
  });

  it('ignores a release of a string it does not hold', () => {
    const strings = new SharedStrings();
    strings.release('never shared');
    strings.share('a');
    strings.release('b');
    expect(strings.size).toBe(1);
  });
});
