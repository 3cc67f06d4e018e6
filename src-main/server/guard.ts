// Request guards of browser mode: loopback Host and Origin only (no DNS rebinding), and a secret token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE = 'lodyn_token';

/** Hosts under which the loopback server may be addressed. */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** 403 when Host is not loopback:port, or an Origin header names any other origin. */
export function checkOrigin(headers: IncomingHttpHeaders, port: number): { ok: true } | { ok: false; reason: string } {
  const hosts = allowedHosts(port);
  const host = headers.host ?? '';
  if (!hosts.has(host)) return { ok: false, reason: `foreign Host header '${host}'` };
  const origin = headers.origin;
  if (origin !== undefined && !Array.from(hosts).some((h) => origin === `http://${h}`)) {
    return { ok: false, reason: `foreign Origin '${origin}'` };
  }
  return { ok: true };
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The token presented by a request: `Authorization: Bearer`, the `token` query parameter, or the session cookie. */
export function presentedToken(headers: IncomingHttpHeaders, url: URL): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  return url.searchParams.get('token') ?? cookieValue(headers.cookie, TOKEN_COOKIE);
}

export function tokenMatches(presented: string | undefined, token: string): boolean {
  return presented !== undefined && safeEqual(presented, token);
}
