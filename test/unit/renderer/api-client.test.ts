// The renderer's api client: HTTP transport carries the token, envelopes unwrap, errors rethrow as LodynError.
import { describe, expect, it, vi } from 'vitest';
import { createHttpRawApi, unwrapApi, browserToken } from '../../../src-renderer/src/api/client';
import { callNames } from '../../../src-shared/contract/channels';
import { LodynError } from '../../../src-shared/contract/envelope';

function fakeFetch(body: unknown, status = 200) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
}

describe('renderer api client', () => {
  it('has one method per contract call', () => {
    const raw = createHttpRawApi('http://127.0.0.1:1', 't', fakeFetch({ ok: true, value: 1 }));
    for (const name of callNames) expect(typeof raw[name]).toBe('function');
  });

  it('POSTs to /api/call/<name> with the bearer token and unwraps the value', async () => {
    const fetchImpl = fakeFetch({ ok: true, value: { ok: true, uptimeS: 1, checks: [] } });
    const api = unwrapApi(createHttpRawApi('http://127.0.0.1:9', 'secret', fetchImpl));
    await expect(api['system:health']({})).resolves.toEqual({ ok: true, uptimeS: 1, checks: [] });
    const [url, init] = (fetchImpl as unknown as { mock: { calls: [URL, RequestInit][] } }).mock.calls[0];
    expect(String(url)).toBe('http://127.0.0.1:9/api/call/system%3Ahealth');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer secret');
  });

  it('rethrows an error envelope as a LodynError with its field', async () => {
    const api = unwrapApi(
      createHttpRawApi(
        'http://127.0.0.1:9',
        't',
        fakeFetch({ ok: false, error: { name: 'ValidationError', message: 'n: too big', field: 'n' } }),
      ),
    );
    const err = await api['system:info']({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LodynError);
    expect((err as LodynError).field).toBe('n');
  });

  it('surfaces 401 as an Unauthorized error', async () => {
    const api = unwrapApi(
      createHttpRawApi(
        'http://127.0.0.1:9',
        'bad',
        fakeFetch({ ok: false, error: { name: 'Unauthorized', message: 'x' } }, 401),
      ),
    );
    await expect(api['system:info']({})).rejects.toMatchObject({ name: 'Unauthorized' });
  });

  it('takes the token from the URL and keeps it for reloads', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as Storage;
    expect(browserToken({ search: '?token=abc' } as Location, storage)).toBe('abc');
    expect(browserToken({ search: '' } as Location, storage)).toBe('abc');
  });
});
