// The Electron shell: app lifecycle, one window with the security checklist applied, and the route
// table browser mode serves (electron/host/routes.ts) answered on our own app:// scheme — the page,
// API calls, events, pictures, downloads. Only what needs Electron is here: the native file dialog
// (over IPC) and the window's policies, all installed before the window loads anything.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type IpcMainInvokeEvent, type Session } from 'electron';
import { join, resolve } from 'node:path';
import { Backend } from '../api/backend';
import { localeFromTags } from '../settings/system-locale';
import { APP_VERSION } from '../cli/version';
import { parseCommandLine } from '../platform/command-line';
import { createRoutes, type RouteTable } from '../host/routes';
import {
  APP_HOST,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  RENDERER_URL,
  isInsideChosen,
  isOwnOrigin,
  isOwnRenderer,
  isPermissionAllowed,
  mayAskScheme,
  mayNavigate,
  mayOpenExternally,
  mayRequest,
} from './policy';
import { buildMenu } from './menu';
import { pickFilesArgs } from './dialog-args';

const rendererDir = resolve(__dirname, '..', 'renderer');
// Not strict: Chromium's and Electron's own switches share the command line.
const { values: args } = parseCommandLine(process.argv.slice(app.isPackaged ? 1 : 2), { 'data-dir': { type: 'string' }, lang: { type: 'string' } }, { strict: false });
// Not strict, `--lang` without a value comes back as `true`: only strings count.
const dataDirArg = typeof args['data-dir'] === 'string' ? args['data-dir'] : undefined;
if (dataDirArg) app.setPath('userData', resolve(dataDirArg));
const langArg = typeof args.lang === 'string' ? args.lang : undefined;

// Before the app is ready (Electron allows it only then, once): our origin is a standard, secure
// scheme with fetch and streaming, so the page behaves as on any web origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();

/** Paths the user chose in our dialogs: the only paths the renderer may ask the backend to read. */
const chosenPaths = new Set<string>();
/** The webContents of our own windows: the only ones whose requests reach the app:// scheme. */
const ownContents = new Set<number>();

function checkSender(event: IpcMainInvokeEvent): void {
  const url = event.senderFrame?.url ?? '';
  if (!ownContents.has(event.sender.id) || !isOwnRenderer(url)) throw new Error(`IPC from an unexpected frame: ${url}`);
}

/** Every webContents, ours or not: no navigation away, no new windows, no webviews. */
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only mailto:/sms: drafts (policy.ts, tested) ever leave the app.
    if (mayOpenExternally(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
});

/** Permissions, the offline request filter and our scheme, on the session our window uses. */
function secureSession(ses: Session, routes: RouteTable): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  // Offline by design: refuse every request that is not our own origin, and our origin to anyone
  // but our own windows.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const foreignContents = details.webContentsId !== undefined && !ownContents.has(details.webContentsId);
    callback({ cancel: !mayRequest(details.url) || (isOwnOrigin(details.url) && foreignContents) });
  });
  ses.protocol.handle(APP_SCHEME, (request) => {
    if (new URL(request.url).host !== APP_HOST || !mayAskScheme(request.headers.get('origin'))) {
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'foreign origin' } }), { status: 403 });
    }
    return routes.handle(request);
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Relink',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only pickFiles through contextBridge.
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
  const id = win.webContents.id;
  ownContents.add(id);
  win.on('closed', () => ownContents.delete(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_URL);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  const backend = new Backend({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: APP_VERSION,
    systemLocale: localeFromTags([app.getLocale()]),
    forcedLocale: langArg === 'zh-CN' || langArg === 'en' ? langArg : undefined,
  });
  const routes = createRoutes({ backend, rendererDir, mayReadPath: (p) => isInsideChosen(p, chosenPaths) });
  await routes.open();
  secureSession(session.defaultSession, routes);

  ipcMain.handle('relink:pick', async (event, options: unknown) => {
    checkSender(event);
    const win = BrowserWindow.fromWebContents(event.sender);
    const dialogOptions = pickFilesArgs(options);
    const picked = win ? await dialog.showOpenDialog(win, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    if (picked.canceled) return [];
    for (const p of picked.filePaths) chosenPaths.add(p);
    return picked.filePaths.map((path) => ({ kind: 'path', path }));
  });

  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    void routes
      .close()
      .then(() => backend.close())
      .then(() => {
        if (process.platform !== 'darwin') app.quit();
      });
  });
}

// One app per data folder (Electron keys this lock on userData, set from --data-dir): two windows on
// one folder would each hold a case's state in memory. A second start focuses the first window.
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
