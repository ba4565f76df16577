// Issue 14.5: the hub's Prometheus metrics, read at /metrics of a real hub
// after real requests over a real socket; each hub counts only its own.
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../testing';
import { OWNER_PASSWORD, startTestHub } from '../testing';

const hubs: TestHub[] = [];

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
});

async function startHub(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const hub = await startTestHub(options);
  hubs.push(hub);
  return hub;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await fetch(`${url}/metrics`, { headers: { connection: 'close', ...headers } });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

/** The value of one sample line (`name{labels} value`), or undefined when the hub does not show it. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('issue 14.5: metrics', () => {
  it('issue 14.5: after requests over a socket, the counters show them by type and outcome, with the open socket and the fan-out', async () => {
    const hub = await startHub();
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await owner.mutate('team.create', { name: 'Night shift' });
    const refused = await owner.request('team.rename', { mutationId: crypto.randomUUID(), teamId: 'no-such-team', name: 'Day shift' });
    expect(refused.ok).toBe(false);
    const refusalCode = refused.ok ? '' : refused.error.code;

    const { status, text, contentType } = await scrape(hub.hub.url);
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain');
    expect(sample(text, 'gatehouse_hub_open_connections')).toBe(1);
    expect(sample(text, 'gatehouse_hub_requests_total{type="subscribe",outcome="ok"}')).toBe(1);
    expect(sample(text, 'gatehouse_hub_requests_total{type="team.create",outcome="ok"}')).toBe(1);
    expect(sample(text, `gatehouse_hub_requests_total{type="team.rename",outcome="${refusalCode}"}`)).toBe(1);
    // The team reached the owner's own subscribed socket: one timed fan-out (the refusal committed nothing).
    expect(sample(text, 'gatehouse_hub_fan_out_seconds_count')).toBe(1);
    expect(sample(text, 'gatehouse_hub_change_log_lag_commits')).toBe(0);
    // The process's own figures come along.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    owner.close();
    await owner.closed();
    await expect.poll(async () => sample((await scrape(hub.hub.url)).text, 'gatehouse_hub_open_connections')).toBe(0);
  });

  it('issue 14.5: each hub in a process counts only its own requests', async () => {
    const busy = await startHub();
    const quiet = await startHub();
    const owner = await busy.connect(busy.ownerEmail, OWNER_PASSWORD);
    await owner.mutate('team.create', { name: 'Night shift' });
    const quietText = (await scrape(quiet.hub.url)).text;
    expect(sample(quietText, 'gatehouse_hub_requests_total{type="team.create",outcome="ok"}')).toBeUndefined();
    expect(sample(quietText, 'gatehouse_hub_open_connections')).toBe(0);
    expect(sample((await scrape(busy.hub.url)).text, 'gatehouse_hub_requests_total{type="team.create",outcome="ok"}')).toBe(1);
  });

  it('issue 14.5: a request relayed by a proxy is not shown the metrics without the token; with it, it is', async () => {
    const hub = await startHub({ metrics: { token: 'scraper-secret' } });
    expect((await scrape(hub.hub.url, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404);
    expect((await scrape(hub.hub.url, { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer wrong' })).status).toBe(404);
    expect((await scrape(hub.hub.url, { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer scraper-secret' })).status).toBe(200);
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
  if (outside === undefined) console.warn('issue 14.5: this machine has no IPv4 address besides loopback; the test of a non-loopback reader is not run.');
  it.skipIf(outside === undefined)('issue 14.5: a reader on another address is refused unless the hub allows it', async () => {
    const address = outside ?? '';
    const closed = await startHub({ host: '0.0.0.0' });
    expect((await scrape(`http://${address}:${closed.hub.port}`)).status).toBe(404);
    // From this machine's own address the peer is that address, not loopback; allowing it (as a Prometheus server's) lets it in.
    const open = await startHub({ host: '0.0.0.0', metrics: { allow: [`${address}/32`] } });
    expect((await scrape(`http://${address}:${open.hub.port}`)).status).toBe(200);
  });
});
