// Locks the window to the app: no navigation away, no new windows, no permission grants, CSP on every response.
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../server/csp';

/** Denies navigation except to `appUrlPrefix`, and every window.open (external http(s) links go to the OS browser). */
export function lockNavigation(contents: WebContents, appUrlPrefix: string, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrlPrefix)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(appUrlPrefix)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Adds the CSP header to every response and refuses every permission request (camera, geolocation, ...). */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
