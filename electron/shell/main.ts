// The Electron shell: app lifecycle, one window with the security checklist applied, IPC that
// carries the shared contract to the same backend browser mode uses, menus and native dialogs.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join, resolve } from 'node:path';
import { Backend } from '../api/backend';
import { localeFromTags } from '../settings/system-locale';
import { APP_VERSION } from '../cli/version';
import { parseArgs, stringOption } from '../cli/args';
import { isInsideChosen, isOwnRenderer, mayRequest, isPermissionAllowed, mayNavigate, mayOpenExternally, rendererUrl } from './policy';
import { buildMenu } from './menu';
import { pickFilesArgs } from './dialog-args';

const rendererDir = resolve(__dirname, '..', 'renderer');
const args = parseArgs(process.argv.slice(app.isPackaged ? 1 : 2), ['data-dir', 'lang']);
const dataDirArg = stringOption(args, 'data-dir');
if (dataDirArg) app.setPath('userData', resolve(dataDirArg));
const langArg = stringOption(args, 'lang');

app.enableSandbox();

/** Paths the user chose in our dialogs: the only paths the renderer may ask the backend to read. */
const chosenPaths = new Set<string>();

function checkSender(event: IpcMainInvokeEvent): void {
  const url = event.senderFrame?.url ?? '';
  if (!isOwnRenderer(url, rendererDir)) throw new Error(`IPC from an unexpected frame: ${url}`);
}

function createWindow(backend: Backend): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Relink',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only call/pickFiles/onEvent through contextBridge.
      preload: join(__dirname, 'preload.cjs'), /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows; we never want that.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, rendererDir)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, rendererDir)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only mailto:/sms: drafts (policy.ts, tested) ever leave the app.
    if (mayOpenExternally(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
  const unsubscribe = backend.onEvent((event) => {
    if (!win.isDestroyed()) win.webContents.send('relink:event', event);
  });
  win.on('closed', unsubscribe);
  void win.loadURL(rendererUrl(rendererDir));
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  // Offline by design: refuse every request that is not our own files.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !mayRequest(details.url) });
  });

  const backend = new Backend({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: APP_VERSION,
    systemLocale: localeFromTags([app.getLocale()]),
    forcedLocale: langArg === 'zh-CN' || langArg === 'en' ? langArg : undefined,
  });

  ipcMain.handle('relink:call', async (event, method: unknown, callArgs: unknown) => {
    checkSender(event);
    if (typeof method !== 'string') throw new Error('method must be a string');
    try {
      return { result: await backend.call(method, callArgs, { mayReadPath: (p) => isInsideChosen(p, chosenPaths) }) };
    } catch (error) {
      const e = error as { code?: string; message?: string; details?: unknown };
      return { error: { code: e.code ?? 'internal', message: e.message ?? String(error), details: e.details } };
    }
  });
  ipcMain.handle('relink:pick', async (event, options: unknown) => {
    checkSender(event);
    const win = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions = pickFilesArgs(options);
    const picked = win ? await dialog.showOpenDialog(win, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    for (const p of picked.filePaths) chosenPaths.add(p);
    return picked.canceled ? [] : picked.filePaths.map((path) => ({ kind: 'path', path }));
  });

  Menu.setApplicationMenu(buildMenu());
  createWindow(backend);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend);
  });
  app.on('window-all-closed', () => {
    void backend.close().then(() => {
      if (process.platform !== 'darwin') app.quit();
    });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, rendererDir)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

// One app per data folder (Electron keys this lock on userData, set above from --data-dir): two
// windows on one folder would each hold the case's state in memory. A second start focuses the first.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  void main();
} else {
  app.quit();
}
