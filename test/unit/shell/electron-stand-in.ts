// A stand-in for the `electron` module: enough of its main-process API for the built shell to start,
// recording everything the shell registers (app events, session handlers, protocols, IPC, windows
// and their webContents handlers) in the order it happened, and refusing what Electron refuses
// (privileged schemes after ready, protocol handlers before it).
import Module from 'node:module';

type Fn = (...args: never[]) => unknown;

export interface Registration {
  seq: number;
  what: string;
}

export class StandInWebContents {
  static nextId = 1;
  readonly id = StandInWebContents.nextId++;
  readonly listeners = new Map<string, Fn[]>();
  windowOpenHandler?: (details: { url: string }) => { action: string };
  constructor(private readonly electron: ElectronStandIn) {}
  on(event: string, listener: Fn): this {
    this.electron.record(`webContents#${this.id}.on(${event})`);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.electron.record(`webContents#${this.id}.setWindowOpenHandler`);
    this.windowOpenHandler = handler;
  }
  /** Runs the will-navigate (or other preventable) listeners: true when any prevented it. */
  prevented(event: string, url: string): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) (listener as (e: unknown, url: string) => void)({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  isDestroyed(): boolean {
    return false;
  }
  send(): void {
    throw new Error('The shell sends nothing over IPC: events travel on the app:// event stream');
  }
}

export class StandInWindow {
  readonly webContents: StandInWebContents;
  loadedUrl?: string;
  /** What was registered when the window started loading. */
  registeredAtLoad?: string[];
  constructor(
    private readonly electron: ElectronStandIn,
    readonly options: { webPreferences?: Record<string, unknown> },
  ) {
    this.webContents = new StandInWebContents(electron);
    electron.record('new BrowserWindow');
    electron.windows.push(this);
    // As in Electron, the app hears of the window's webContents while the window is being made.
    electron.emitApp('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.electron.record(`loadURL(${url})`);
    this.loadedUrl = url;
    this.registeredAtLoad = this.electron.registrations.map((r) => r.what);
    this.electron.loaded?.(this);
    return Promise.resolve();
  }
  loadFile(): Promise<void> {
    throw new Error('The shell loads its page from app://, never from a file');
  }
  once(event: string): this {
    this.electron.record(`window.once(${event})`);
    return this;
  }
  on(event: string): this {
    this.electron.record(`window.on(${event})`);
    return this;
  }
  isDestroyed(): boolean {
    return false;
  }
  show(): void {}
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export type BeforeRequest = (details: { url: string; webContentsId?: number }, callback: (answer: { cancel?: boolean }) => void) => void;

export class ElectronStandIn {
  readonly registrations: Registration[] = [];
  readonly appListeners = new Map<string, Fn[]>();
  readonly windows: StandInWindow[] = [];
  readonly ipcHandlers = new Map<string, Fn>();
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  privilegedSchemes?: { scheme: string; privileges: Record<string, boolean> }[];
  permissionRequest?: (wc: unknown, permission: string, callback: (allow: boolean) => void) => void;
  permissionCheck?: (wc: unknown, permission: string) => boolean;
  beforeRequest?: BeforeRequest;
  sandboxed = false;
  quit = false;
  /** Another Relink already holds this data folder (the single-instance lock is refused). */
  anotherInstance = false;
  userData = '';
  /** The paths the next open dialog answers with (undefined: the user cancels). */
  nextDialog: string[] | undefined;
  loaded?: (win: StandInWindow) => void;
  private ready = false;
  private becomeReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.becomeReady = resolve));
  private seq = 0;

  record(what: string): void {
    this.registrations.push({ seq: ++this.seq, what });
  }

  emitApp(event: string, ...args: unknown[]): void {
    for (const listener of this.appListeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  makeReady(): void {
    this.ready = true;
    this.record('ready');
    this.becomeReady();
  }

  private protocolApi() {
    return {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
        if (this.ready) throw new Error('registerSchemesAsPrivileged after ready (Electron ignores it then)');
        if (this.privilegedSchemes) throw new Error('registerSchemesAsPrivileged may be called only once');
        this.record('protocol.registerSchemesAsPrivileged');
        this.privilegedSchemes = schemes;
      },
      handle: (scheme: string, handler: ProtocolHandler) => {
        if (!this.ready) throw new Error('protocol.handle before ready');
        this.record(`protocol.handle(${scheme})`);
        this.protocolHandlers.set(scheme, handler);
      },
    };
  }

  /** The module the shell gets from require('electron'). */
  module(): Record<string, unknown> {
    const standIn = this as ElectronStandIn;
    const protocol = this.protocolApi();
    const defaultSession = {
      protocol,
      setPermissionRequestHandler: (handler: ElectronStandIn['permissionRequest']) => {
        this.record('session.setPermissionRequestHandler');
        this.permissionRequest = handler;
      },
      setPermissionCheckHandler: (handler: ElectronStandIn['permissionCheck']) => {
        this.record('session.setPermissionCheckHandler');
        this.permissionCheck = handler;
      },
      webRequest: {
        onBeforeRequest: (handler: BeforeRequest) => {
          this.record('session.webRequest.onBeforeRequest');
          this.beforeRequest = handler;
        },
      },
    };
    class BrowserWindow extends StandInWindow {
      constructor(options: { webPreferences?: Record<string, unknown> }) {
        super(standIn, options);
      }
      static getAllWindows = () => standIn.windows;
      static fromWebContents = (wc: StandInWebContents) => standIn.windows.find((w) => w.webContents === wc) ?? null;
    }
    return {
      app: {
        isPackaged: false,
        setPath: (name: string, path: string) => {
          if (name === 'userData') this.userData = path;
        },
        getPath: (name: string) => {
          if (name !== 'userData') throw new Error(`getPath(${name}) is not stood in`);
          return this.userData;
        },
        getLocale: () => 'zh-CN',
        enableSandbox: () => {
          if (this.ready) throw new Error('enableSandbox after ready');
          this.record('app.enableSandbox');
          this.sandboxed = true;
        },
        on: (event: string, listener: Fn) => {
          this.record(`app.on(${event})`);
          this.appListeners.set(event, [...(this.appListeners.get(event) ?? []), listener]);
        },
        whenReady: () => this.readyPromise,
        requestSingleInstanceLock: () => {
          this.record('app.requestSingleInstanceLock');
          return !this.anotherInstance;
        },
        quit: () => {
          this.quit = true;
        },
      },
      protocol,
      session: { defaultSession },
      ipcMain: {
        handle: (channel: string, handler: Fn) => {
          this.record(`ipcMain.handle(${channel})`);
          this.ipcHandlers.set(channel, handler);
        },
      },
      BrowserWindow,
      dialog: {
        showOpenDialog: async () => ({ canceled: this.nextDialog === undefined, filePaths: this.nextDialog ?? [] }),
      },
      Menu: {
        buildFromTemplate: (template: unknown) => ({ template }),
        setApplicationMenu: () => this.record('Menu.setApplicationMenu'),
      },
      shell: {
        openExternal: async (url: string) => this.record(`shell.openExternal(${url})`),
      },
    };
  }
}

/** Requires a built bundle with `electron` answered by the given module. */
export function requireWithElectron(path: string, electron: Record<string, unknown>, argv: string[]): unknown {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const originalArgv = process.argv;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : original.call(this, request, ...rest);
  };
  process.argv = [process.execPath, path, ...argv];
  const require = Module.createRequire(import.meta.url);
  // Each call runs the bundle afresh (a second app start), not the cached first one.
  delete require.cache[require.resolve(path)];
  try {
    return require(path);
  } finally {
    loader._load = original;
    process.argv = originalArgv;
  }
}
