// The Content-Security-Policy shared by the Electron window and browser mode.

/**
 * Scripts only from the app itself; `'wasm-unsafe-eval'` lets WebAssembly compile (TensorFlow.js wasm backend)
 * without allowing JS eval; inline styles are needed by the component library's CSS-in-JS.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connectSrc.length ? ` ${connectSrc.join(' ')}` : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
