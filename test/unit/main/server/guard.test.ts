// Loopback guards: Host and Origin must be the server itself; the token must match exactly.
import { describe, expect, it } from 'vitest';
import { checkOrigin, presentedToken, tokenMatches } from '../../../../src-main/server/guard';

describe('checkOrigin', () => {
  it('accepts loopback hosts on the right port, with or without a same Origin', () => {
    expect(checkOrigin({ host: '127.0.0.1:8080' }, 8080).ok).toBe(true);
    expect(checkOrigin({ host: 'localhost:8080', origin: 'http://localhost:8080' }, 8080).ok).toBe(true);
  });
  it('refuses DNS-rebinding hosts, other ports and foreign origins', () => {
    expect(checkOrigin({ host: 'evil.example:8080' }, 8080).ok).toBe(false);
    expect(checkOrigin({ host: '127.0.0.1:9090' }, 8080).ok).toBe(false);
    expect(checkOrigin({ host: '127.0.0.1:8080', origin: 'http://evil.example' }, 8080).ok).toBe(false);
    expect(checkOrigin({ host: '127.0.0.1:8080', origin: 'null' }, 8080).ok).toBe(false);
    expect(checkOrigin({}, 8080).ok).toBe(false);
  });
});

describe('tokens', () => {
  const url = (q = '') => new URL(`http://127.0.0.1:1/${q}`);
  it('reads bearer, query and cookie tokens', () => {
    expect(presentedToken({ authorization: 'Bearer abc' }, url())).toBe('abc');
    expect(presentedToken({}, url('?token=def'))).toBe('def');
    expect(presentedToken({ cookie: 'x=1; lodyn_token=ghi' }, url())).toBe('ghi');
    expect(presentedToken({}, url())).toBeUndefined();
  });
  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });
});
