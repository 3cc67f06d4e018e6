// Electron main process: single instance, one hardened window, IPC bound to the same handlers as browser mode.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import { createHandlers } from '../api';
import { createHostContext } from '../api/context';
import { createDispatch } from '../api/dispatch';
import { resolveDataRoot } from '../engine/data-root';
import { bindIpc, forwardEvents } from './ipc';
import { menuTemplate } from './menu';
import { hardenSession, lockNavigation } from './navigation';
import { mainWindowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererIndex = path.join(here, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function dataFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--data');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
}

export async function startDesktop(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  await app.whenReady();
  const dataRoot = resolveDataRoot({ flag: dataFlag(process.argv) });
  const ctx = await createHostContext({
    host: 'electron',
    dataRoot,
    shellVersions: { electron: process.versions.electron, chrome: process.versions.chrome },
    dialogs: {
      async chooseSavePath(defaultName, filters) {
        const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters };
        const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return chosen.canceled ? null : (chosen.filePath ?? null);
      },
    },
  });
  const dispatch = createDispatch(createHandlers(), ctx);
  // Trailing slash: a sibling folder such as `renderer-evil/` must not pass as the app.
  const appUrlPrefix = devServerUrl ?? `${pathToFileURL(path.dirname(rendererIndex)).href}/`;
  bindIpc(ipcMain, dispatch, (url) => url.startsWith(appUrlPrefix));
  hardenSession((await import('electron')).session.defaultSession);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          openDataFolder: () => void shell.openPath(dataRoot),
          showAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Library of Dynamics',
              message: `Library of Dynamics ${app.getVersion()}`,
              detail: `Electron ${process.versions.electron}, Chrome ${process.versions.chrome}, Node ${process.versions.node}\nData: ${dataRoot}`,
            }),
          quit: () => app.quit(),
        },
        process.platform === 'darwin',
      ),
    ),
  );

  window = new BrowserWindow(mainWindowOptions(preloadPath));
  lockNavigation(window.webContents, appUrlPrefix, (url) => void shell.openExternal(url));
  forwardEvents(ctx, () => window?.webContents ?? null);
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(rendererIndex);

  app.on('window-all-closed', () => app.quit());
}

void startDesktop().catch((err: unknown) => {
  console.error('lodyn: failed to start:', err);
  dialog.showErrorBox('Library of Dynamics failed to start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});
