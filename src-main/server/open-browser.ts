// Opens a URL in the user's default browser; failures (headless machines) are reported, never fatal.
import { spawn } from 'node:child_process';

export function openBrowser(url: string, onError: (message: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', (err) => onError(`could not open a browser (${err.message}); open the URL above yourself`));
    child.unref();
  } catch (err) {
    onError(`could not open a browser (${(err as Error).message})`);
  }
}
