/// <reference types="electron" />
// ═══════════════════════════════════════════════════════════════════════════
//  A STAND-IN FOR THE `electron` MODULE. IT IS NOT ELECTRON.
//
//  The Electron binary cannot run on these machines (Electron 42+ downloads it
//  at first launch and there is no route to the download), so the shell suite
//  loads the real built bundles (out/main/index.cjs, out/preload/index.cjs) in
//  Node with this object in place of `require('electron')`. Everything behind
//  it is real: the services, the library on disk, ffmpeg, exiftool, sharp.
//
//  What it stands in for, it models from Electron 45's documentation and
//  source (lib/browser/api/*.ts, shell/browser/api/*.cc, shell/browser/
//  browser.cc), and says so where it does: what may be called before or after
//  `ready` (and throws Electron's own message otherwise), the quit sequence,
//  one handler per IPC channel and per scheme, structured clone across IPC,
//  the sandboxed preload's parameters and `require`, the webRequest listener
//  seeing every request, a standard scheme's URL canonicalisation. Its shapes
//  are typed from electron.d.ts (`Pick` of the real interfaces); where a real
//  member's type is another Electron class, the stand-in's own class takes its
//  place and the test-facing cast is in one function, `seenByTheApp`.
//
//  What only the real binary can show is listed in tests/electron/ and in the
//  shell's notes: none of that is claimed here.
// ═══════════════════════════════════════════════════════════════════════════
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import nodeTimers from 'node:timers';
import nodeUrl from 'node:url';
import vm from 'node:vm';

type Rectangle = Electron.Rectangle;

/** Mirrors an Electron type `T` on the members `K`; members whose type is another Electron class are swapped for the stand-in's. */
type Mirror<T, K extends keyof T, Swapped extends object = object> = Pick<T, Exclude<K, keyof Swapped>> & Swapped;

/** The one place a stand-in object is handed to app code typed as the Electron object it stands in for. */
function seenByTheApp<T>(standIn: object): T {
  return standIn as unknown as T;
}

export type DisplaySpec = { id: number; bounds: Rectangle; workArea?: Rectangle };

export type StandInOptions = {
  /** What `app.requestSingleInstanceLock()` answers: false plays a second copy of the app. */
  singleInstanceLock?: boolean;
  /** The displays there are, primary first. */
  displays?: DisplaySpec[];
  /** What the OS says the user reads, most wanted first (app.getPreferredSystemLanguages). */
  languages?: string[];
  isPackaged?: boolean;
  /** What systemPreferences.getMediaAccessStatus answers per device (macOS and Windows only, as in Electron). */
  mediaAccess?: Partial<Record<'camera' | 'microphone', 'granted' | 'denied' | 'restricted' | 'not-determined' | 'unknown'>>;
};

export type Call = { api: string; args: unknown[]; beforeReady: boolean };

/** Electron's `Event`: preventDefault plus the event's own fields. */
export function electronEvent<P extends object>(params: P): Electron.Event<P> {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    params,
  ) as Electron.Event<P>;
}

let nextWebContentsId = 1;
let nextProcessId = 1000;

export class WebFrameMainStandIn
  implements Mirror<Electron.WebFrameMain, 'url' | 'origin' | 'processId' | 'routingId' | 'frameTreeNodeId' | 'name' | 'isDestroyed', { parent: WebFrameMainStandIn | null; top: WebFrameMainStandIn | null }>
{
  name = '';
  url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly frameTreeNodeId: number;
  readonly parent: WebFrameMainStandIn | null;
  destroyed = false;
  private readonly electron: ElectronStandIn;
  constructor(electron: ElectronStandIn, url: string, processId: number, routingId: number, parent: WebFrameMainStandIn | null = null) {
    this.electron = electron;
    this.url = url;
    this.processId = processId;
    this.routingId = routingId;
    this.frameTreeNodeId = routingId;
    this.parent = parent;
  }
  get top(): WebFrameMainStandIn {
    return this.parent ? this.parent.top : this;
  }
  /** RFC 6454 serialisation as Chromium gives it: scheme://host[:port] for standard schemes, "null" otherwise. */
  get origin(): string {
    const url = URL.parse(this.url);
    if (!url) return 'null';
    const scheme = url.protocol.slice(0, -1);
    if (['http', 'https', 'ws', 'wss'].includes(scheme)) return url.origin;
    if (scheme === 'file') return 'file://';
    return this.electron.standardSchemes.has(scheme) ? `${url.protocol}//${url.host}` : 'null';
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A child frame of this one (an <iframe>), in the same renderer process. */
  addChild(url: string): WebFrameMainStandIn {
    return new WebFrameMainStandIn(this.electron, url, this.processId, this.routingId + 1 + Math.floor(Math.random() * 1000), this);
  }
}

/** What the sandboxed preload put in the page's world (contextBridge.exposeInMainWorld), and its IPC. */
export type PageWorld = { exposed: Record<string, unknown>; ipcRenderer: EventEmitter };

export class WebContentsStandIn
  extends EventEmitter
  implements Mirror<Electron.WebContents, 'id' | 'getURL' | 'isDestroyed' | 'setWindowOpenHandler' | 'send', { mainFrame: WebFrameMainStandIn }>
{
  readonly id = nextWebContentsId++;
  readonly mainFrame: WebFrameMainStandIn;
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  world: PageWorld | null = null;
  /** Every subresource the page's HTML asked for when it loaded, with what came back. */
  subresources: { url: string; status: number; contentType: string | null }[] = [];
  html = '';
  /** True once the page and its subresources have loaded (did-finish-load). */
  loaded = false;
  private destroyed = false;
  private readonly electron: ElectronStandIn;
  readonly webPreferences: Electron.WebPreferences;

  constructor(electron: ElectronStandIn, webPreferences: Electron.WebPreferences = {}) {
    super();
    this.electron = electron;
    this.webPreferences = webPreferences;
    this.mainFrame = new WebFrameMainStandIn(electron, '', nextProcessId++, 1);
    // Electron emits web-contents-created from the WebContents constructor, before anyone can load a page.
    electron.app.emit('web-contents-created', electronEvent({}), this);
  }

  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.mainFrame.destroyed = true;
    this.emit('destroyed');
  }
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.electron.record('webContents.setWindowOpenHandler', []);
    this.windowOpenHandler = handler;
  }

  /** main → page: structured clone, like every IPC message; queued while the page is busy, as in its task queue. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent += 1;
    const cloned = structuredClone(args);
    if (this.busy) this.pending.push([channel, cloned]);
    else this.world?.ipcRenderer.emit(channel, { sender: this.world.ipcRenderer }, ...cloned);
  }

  /** Messages main has sent to this page. */
  sent = 0;
  private busy = false;
  private pending: [string, unknown[]][] = [];
  /** The page's main thread is busy (a long task): what main sends waits in its queue until `idle()`. */
  stall(): void {
    this.busy = true;
  }
  idle(): void {
    this.busy = false;
    for (const [channel, args] of this.pending.splice(0)) this.world?.ipcRenderer.emit(channel, { sender: this.world.ipcRenderer }, ...args);
  }

  /** What the page gets from window.open(url): Electron asks the handler; without one it would open. */
  openWindow(url: string): Electron.WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' } });
  }

  /** The page (or one of its frames) asks to navigate: will-frame-navigate for every frame, will-navigate for the main one. */
  navigate(url: string, frame: WebFrameMainStandIn = this.mainFrame): { prevented: boolean } {
    const details = { url, isSameDocument: false, isMainFrame: frame.parent === null, frame, initiator: frame };
    const frameEvent = electronEvent(details);
    this.emit('will-frame-navigate', frameEvent);
    let prevented = frameEvent.defaultPrevented;
    if (details.isMainFrame) {
      const mainEvent = electronEvent(details);
      this.emit('will-navigate', mainEvent, url, false, true);
      prevented ||= mainEvent.defaultPrevented;
    }
    return { prevented };
  }

  redirect(url: string): { prevented: boolean } {
    const event = electronEvent({ url, isSameDocument: false, isMainFrame: true, frame: this.mainFrame, initiator: null });
    this.emit('will-redirect', event, url, false, true);
    return { prevented: event.defaultPrevented };
  }

  attachWebview(src: string): { prevented: boolean } {
    const event = electronEvent({});
    this.emit('will-attach-webview', event, {}, { src });
    return { prevented: event.defaultPrevented };
  }

  async loadURL(url: string): Promise<void> {
    const response = await this.electron.request(url, { resourceType: 'mainFrame', webContents: this });
    // Stricter than Chromium, which would show an error page: a page that is not there is a failed load here.
    if (!response.ok) throw new Error(`ERR_FAILED (${response.status}) loading '${url}'`);
    this.html = await response.text();
    this.mainFrame.url = this.electron.canonicalUrl(url);
    if (this.webPreferences.preload) this.world = this.electron.runSandboxedPreload(this.webPreferences.preload, this, this.mainFrame);
    this.subresources = [];
    for (const [, attribute] of this.html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
      const target = new URL(attribute!, this.mainFrame.url).toString();
      const asset = await this.electron.request(target, { resourceType: 'other', webContents: this }).catch(() => null);
      this.subresources.push({ url: target, status: asset?.status ?? 0, contentType: asset?.headers.get('content-type') ?? null });
      await asset?.body?.cancel();
    }
    this.loaded = true;
    this.emit('did-finish-load');
  }
}

export class BrowserWindowStandIn
  extends EventEmitter
  implements
    Mirror<
      Electron.BrowserWindow,
      'show' | 'hide' | 'focus' | 'maximize' | 'minimize' | 'restore' | 'isMinimized' | 'isMaximized' | 'isDestroyed' | 'close' | 'destroy' | 'getNormalBounds' | 'getBounds',
      { webContents: WebContentsStandIn; loadURL(url: string): Promise<void> }
    >
{
  readonly webContents: WebContentsStandIn;
  private bounds: Rectangle;
  private maximized = false;
  private minimized = false;
  private visible = false;
  private destroyed = false;
  private readonly electron: ElectronStandIn;
  readonly options: Electron.BrowserWindowConstructorOptions;

  constructor(electron: ElectronStandIn, options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.electron = electron;
    this.options = options;
    if (!electron.isReady) throw new Error('Cannot create BrowserWindow before app is ready');
    electron.record('new BrowserWindow', [options]);
    const primary = electron.displays[0]!.workArea ?? electron.displays[0]!.bounds;
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    // No x and y: centred on the primary display, as the docs say.
    this.bounds = {
      width,
      height,
      x: options.x ?? Math.round(primary.x + (primary.width - width) / 2),
      y: options.y ?? Math.round(primary.y + (primary.height - height) / 2),
    };
    this.webContents = new WebContentsStandIn(electron, options.webPreferences ?? {});
    electron.windows.push(this);
    electron.app.emit('browser-window-created', electronEvent({}), this);
    if (options.show !== false) this.show();
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }
  /** "Shows and gives focus to the window." */
  show(): void {
    this.visible = true;
    this.emit('show');
    this.focus();
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  isVisible(): boolean {
    return this.visible;
  }
  focused = false;
  focus(): void {
    for (const other of this.electron.windows) other.focused = other === this;
    this.emit('focus');
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
    this.emit('move');
  }
  /** Like a click on the close button: 'close' can be prevented; then 'closed' (browser.cc: OnWindowAllClosed). */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) {
      this.electron.onWindowCloseCancelled();
      return;
    }
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    this.electron.windows.splice(this.electron.windows.indexOf(this), 1);
    if (this.electron.windows.length === 0) this.electron.onWindowAllClosed();
  }
}

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Electron.Session['setDevicePermissionHandler']>[0];
type BeforeRequestListener = (details: Electron.OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void) => void;

export class SessionStandIn
  implements
    Pick<
      Electron.Session,
      | 'setPermissionRequestHandler'
      | 'setPermissionCheckHandler'
      | 'setDevicePermissionHandler'
      | 'setSpellCheckerEnabled'
      | 'isSpellCheckerEnabled'
      | 'setSpellCheckerDictionaryDownloadURL'
    >
{
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;
  spellCheckerEnabled = true;
  dictionaryBaseUrl = 'https://redirector.gvt1.com/edgedl/chrome/dict/';
  /** The URL the dictionary download fetched, once it started; null before. */
  dictionaryDownloadUrl: string | null = null;
  beforeRequest: { filter: Electron.WebRequestFilter | null; listener: BeforeRequestListener | null } = { filter: null, listener: null };

  readonly webRequest = {
    onBeforeRequest: ((filterOrListener: Electron.WebRequestFilter | BeforeRequestListener | null, maybeListener?: BeforeRequestListener | null) => {
      this.electron.record('session.webRequest.onBeforeRequest', [filterOrListener, maybeListener]);
      // "Only the last attached listener will be used."
      this.beforeRequest =
        typeof filterOrListener === 'function' || filterOrListener === null
          ? { filter: null, listener: filterOrListener }
          : { filter: filterOrListener, listener: maybeListener ?? null };
    }) as Electron.WebRequest['onBeforeRequest'],
  };

  private readonly electron: ElectronStandIn;

  constructor(electron: ElectronStandIn) {
    this.electron = electron;
    // electron_api_session.cc: the Session constructor calls SpellcheckService::InitializeDictionaries, spellcheck on
    // or off (electron/electron#22995); the download it starts reads the base URL once the file check comes back.
    setImmediate(() => {
      this.dictionaryDownloadUrl = `${this.dictionaryBaseUrl}${electron.languages[0]!.toLowerCase()}-10-1.bdic`;
    });
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.electron.record('session.setPermissionRequestHandler', [handler]);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.electron.record('session.setPermissionCheckHandler', [handler]);
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.electron.record('session.setDevicePermissionHandler', [handler]);
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerEnabled(enable: boolean): void {
    this.electron.record('session.setSpellCheckerEnabled', [enable]);
    this.spellCheckerEnabled = enable;
  }
  isSpellCheckerEnabled(): boolean {
    return this.spellCheckerEnabled;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.electron.record('session.setSpellCheckerDictionaryDownloadURL', [url]);
    if (!URL.canParse(url)) throw new Error('The URL you provided to setSpellCheckerDictionaryDownloadURL is not a valid URL');
    this.dictionaryBaseUrl = url;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** The renderer-side `electron` a sandboxed preload may require: contextBridge and ipcRenderer only are given. */
function rendererElectron(world: PageWorld, invoke: (channel: string, args: unknown[]) => Promise<unknown>, send: (channel: string, args: unknown[]) => void) {
  const contextBridge: Pick<Electron.ContextBridge, 'exposeInMainWorld'> = {
    exposeInMainWorld(apiKey: string, api: unknown) {
      if (apiKey in world.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      world.exposed[apiKey] = api;
    },
  };
  const ipcRenderer = world.ipcRenderer as EventEmitter & Pick<Electron.IpcRenderer, 'invoke' | 'send'>;
  ipcRenderer.invoke = (channel: string, ...args: unknown[]) => invoke(channel, args);
  ipcRenderer.send = (channel: string, ...args: unknown[]) => send(channel, args);
  return { contextBridge, ipcRenderer };
}

/**
 * The stand-in and its controls. `module` is what `require('electron')` returns to the bundles; the rest is
 * for the tests: fire `ready`, send IPC from a chosen frame, make requests the way the page would.
 */
export class ElectronStandIn {
  readonly calls: Call[] = [];
  readonly windows: BrowserWindowStandIn[] = [];
  readonly standardSchemes = new Set<string>();
  readonly privilegedSchemes: Electron.CustomScheme[] = [];
  readonly protocolHandlers = new Map<string, ProtocolHandler>();
  readonly ipcHandlers = new Map<string, Parameters<Electron.IpcMain['handle']>[1]>();
  /** ipcMain is an EventEmitter for ipcRenderer.send messages. */
  readonly ipcListeners = new EventEmitter();
  readonly errorBoxes: { title: string; content: string }[] = [];
  /** What the person will do in the next open or save dialogs, in order; with none queued, they cancel. */
  readonly dialogAnswers: string[][] = [];
  /** Message boxes shown (showMessageBoxSync), and the button index each one answers (default: its cancelId). */
  readonly messageBoxes: Electron.MessageBoxSyncOptions[] = [];
  readonly messageBoxAnswers: number[] = [];
  /** Every open and save dialog shown: its options and whether it was modal to a window. */
  readonly dialogsShown: { kind: 'open' | 'save'; modalTo: BrowserWindowStandIn | null; options: Electron.OpenDialogOptions | Electron.SaveDialogOptions }[] = [];
  /** Every IPC invoke that reached main, refused or not. */
  readonly invocations: { channel: string; senderId: number }[] = [];
  readonly crashReporterStarts: Electron.CrashReporterStartOptions[] = [];
  applicationMenu: { template: Electron.MenuItemConstructorOptions[] } | null = null;
  sandboxEnabled = false;
  isReady = false;
  exitCode: number | null = null;
  readonly displays: DisplaySpec[];
  readonly languages: string[];
  private defaultSession: SessionStandIn | null = null;
  private quitting = false;
  private exiting = false;
  private shutDown = false;
  private resolveReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private resolveExit!: (code: number) => void;
  /** Resolves with the exit code once the app has shut down (app.quit went through, or app.exit). */
  readonly exited = new Promise<number>((resolve) => (this.resolveExit = resolve));

  readonly app: EventEmitter &
    Pick<Electron.App, 'whenReady' | 'isReady' | 'quit' | 'exit' | 'relaunch' | 'enableSandbox' | 'requestSingleInstanceLock' | 'hasSingleInstanceLock' | 'getLocale' | 'getPreferredSystemLanguages' | 'isPackaged' | 'setPath'>;

  /** What the test asked of this stand-in (what the "system" answers). */
  readonly standIn: StandInOptions;

  constructor(options: StandInOptions = {}) {
    this.standIn = options;
    this.displays = options.displays ?? [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
    this.languages = options.languages ?? ['en-US'];
    let lock = false;
    this.app = Object.assign(new EventEmitter(), {
      isPackaged: options.isPackaged ?? false,
      whenReady: () => this.readyPromise,
      isReady: () => this.isReady,
      quit: () => {
        this.record('app.quit', []);
        this.quit();
      },
      exit: (code = 0) => {
        this.record('app.exit', [code]);
        this.exit(code);
      },
      setPath: (name: string, value: string) => {
        this.record('app.setPath', [name, value]);
      },
      // Electron starts a new instance once this one exits; here it is only recorded.
      relaunch: (options?: Electron.RelaunchOptions) => {
        this.record('app.relaunch', [options]);
      },
      enableSandbox: () => {
        this.record('app.enableSandbox', []);
        if (this.isReady) throw new Error('app.enableSandbox() can only be called before app is ready');
        this.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => {
        this.record('app.requestSingleInstanceLock', []);
        lock = options.singleInstanceLock ?? true;
        return lock;
      },
      hasSingleInstanceLock: () => lock,
      getLocale: () => this.languages[0]!,
      getPreferredSystemLanguages: () => [...this.languages],
    });
  }

  record(api: string, args: unknown[]): void {
    this.calls.push({ api, args, beforeReady: !this.isReady });
  }

  callsTo(api: string): Call[] {
    return this.calls.filter((call) => call.api === api);
  }

  /** The `electron` module the main bundle requires. Only what the shell uses is there; anything else is undefined and fails loudly. */
  get module() {
    return electronModule(this);
  }

  display(index: number) {
    const spec = this.displays[index]!;
    const workArea = spec.workArea ?? spec.bounds;
    const display: Mirror<Electron.Display, 'id' | 'bounds' | 'workArea' | 'size' | 'workAreaSize' | 'scaleFactor' | 'rotation' | 'internal' | 'label'> = {
      id: spec.id,
      bounds: spec.bounds,
      workArea,
      size: { width: spec.bounds.width, height: spec.bounds.height },
      workAreaSize: { width: workArea.width, height: workArea.height },
      scaleFactor: 1,
      rotation: 0,
      internal: index === 0,
      label: `Display ${spec.id}`,
    };
    return display;
  }

  // ── the test's controls ─────────────────────────────────────────────────

  /** Electron has finished initialising: `ready`, then whenReady's promise. */
  async fireReady(): Promise<void> {
    this.isReady = true;
    this.app.emit('ready', electronEvent({}), {});
    this.resolveReady();
    await new Promise((resolve) => setImmediate(resolve));
  }

  get session(): SessionStandIn | null {
    return this.defaultSession;
  }

  /** `session.defaultSession`: the Session is created on first use, after `ready` only. */
  openDefaultSession(): SessionStandIn {
    if (!this.defaultSession) {
      this.record('session.defaultSession', []);
      this.defaultSession = new SessionStandIn(this);
    }
    return this.defaultSession;
  }

  /** A standard scheme's URL as Chromium canonicalises it before any handler sees it: parsed like http (dot segments, backslashes). */
  canonicalUrl(raw: string): string {
    const url = new URL(raw);
    const scheme = url.protocol.slice(0, -1);
    if (!this.standardSchemes.has(scheme)) return url.toString();
    const special = new URL(`http:${raw.slice(url.protocol.length)}`);
    return `${url.protocol}${special.toString().slice('http:'.length)}`;
  }

  /**
   * A request the page (or the browser) makes: canonicalised, shown to the session's webRequest listener (which
   * sees every request, the browser's own included), then answered by the scheme's protocol.handle handler with a
   * real Request, as lib/browser/api/protocol.ts builds it.
   */
  async request(raw: string, options: { method?: string; headers?: Record<string, string>; resourceType?: Electron.OnBeforeRequestListenerDetails['resourceType']; webContents?: WebContentsStandIn } = {}): Promise<Response> {
    const url = this.canonicalUrl(raw);
    const listener = this.defaultSession?.beforeRequest.listener;
    if (listener) {
      const response = await new Promise<Electron.CallbackResponse>((resolve) =>
        listener(
          {
            id: this.calls.length,
            url,
            method: options.method ?? 'GET',
            resourceType: options.resourceType ?? 'other',
            referrer: '',
            timestamp: Date.now(),
            uploadData: [],
            ...(options.webContents ? { webContentsId: options.webContents.id, webContents: seenByTheApp<Electron.WebContents>(options.webContents) } : {}),
          },
          resolve,
        ),
      );
      if (response.cancel) throw new Error(`net::ERR_BLOCKED_BY_CLIENT loading '${url}'`);
    }
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME loading '${url}'`);
    return this.callProtocolHandler(scheme, new Request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }));
  }

  /** Hands a Request to a scheme's handler as it is, without canonicalising it first: for what a crafted request could carry. */
  async callProtocolHandler(scheme: string, request: Request): Promise<Response> {
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`no protocol.handle handler for ${scheme}:`);
    const response = await handler(request);
    // protocol.ts validateResponse: anything but a Response is net::ERR_UNEXPECTED.
    if (!(response instanceof Response)) throw new Error('net::ERR_UNEXPECTED: the handler did not return a Response');
    return response;
  }

  /** An asynchronous message (ipcRenderer.send) arriving in main: every ipcMain.on listener of the channel gets it. */
  sendToMain(channel: string, from: { sender: WebContentsStandIn; senderFrame: WebFrameMainStandIn | null }, args: unknown[]): void {
    const event = { ...electronEvent({}), type: 'frame', frameId: from.senderFrame?.routingId ?? -1, processId: from.senderFrame?.processId ?? -1, sender: from.sender, senderFrame: from.senderFrame, reply: () => undefined, returnValue: undefined };
    const cloned = structuredClone(args);
    // Asynchronous like real IPC: the listener runs after the page's task.
    setImmediate(() => this.ipcListeners.emit(channel, seenByTheApp<Electron.IpcMainEvent>(event), ...cloned));
  }

  /**
   * An IPC invoke arriving in main from `sender`'s frame `senderFrame`, as ipcMain.handle's listener receives it.
   * Arguments and the answer cross as structured clones, as they do between processes.
   */
  async invoke(channel: string, from: { sender: WebContentsStandIn; senderFrame: WebFrameMainStandIn | null }, args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, senderId: from.sender.id });
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event: Mirror<Electron.IpcMainInvokeEvent, 'frameId' | 'processId' | 'type' | 'preventDefault' | 'defaultPrevented', { sender: WebContentsStandIn; senderFrame: WebFrameMainStandIn | null }> = {
      ...electronEvent({}),
      type: 'frame',
      frameId: from.senderFrame?.routingId ?? -1,
      processId: from.senderFrame?.processId ?? -1,
      sender: from.sender,
      senderFrame: from.senderFrame,
    };
    try {
      return structuredClone(await handler(seenByTheApp<Electron.IpcMainInvokeEvent>(event), ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }

  /**
   * Runs a preload as a sandboxed renderer does (lib/sandboxed_renderer/preload.ts): compiled as a function of
   * (require, process, exports, module, Buffer, global, setImmediate, clearImmediate) in a context of its own with
   * the web's globals and no Node ones, and a `require` that knows only electron's renderer modules, events,
   * timers and url ("module not found" for anything else).
   */
  runSandboxedPreload(file: string, contents: WebContentsStandIn, frame: WebFrameMainStandIn): PageWorld {
    const world: PageWorld = { exposed: {}, ipcRenderer: new EventEmitter() };
    const electron = rendererElectron(
      world,
      (channel, args) => this.invoke(channel, { sender: contents, senderFrame: frame }, args),
      (channel, args) => this.sendToMain(channel, { sender: contents, senderFrame: frame }, args),
    );
    const loadable = new Map<string, unknown>([
      ['electron', electron],
      ['electron/common', electron],
      ['electron/renderer', electron],
      ['events', EventEmitter],
      ['node:events', EventEmitter],
      ['timers', nodeTimers],
      ['node:timers', nodeTimers],
      ['url', nodeUrl],
      ['node:url', nodeUrl],
    ]);
    const preloadRequire = (name: string) => {
      if (!loadable.has(name)) throw new Error(`module not found: ${name}`);
      return loadable.get(name);
    };
    const preloadProcess = Object.assign(new EventEmitter(), { type: 'renderer', platform: process.platform, arch: process.arch, versions: { ...process.versions }, sandboxed: true, contextIsolated: true });
    const context = vm.createContext({
      console,
      URL,
      URLSearchParams,
      TextEncoder,
      TextDecoder,
      AbortController,
      AbortSignal,
      Event,
      EventTarget,
      atob,
      btoa,
      structuredClone,
      queueMicrotask,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      performance,
      crypto,
    });
    const parameters = ['require', 'process', 'exports', 'module', 'Buffer', 'global', 'setImmediate', 'clearImmediate'];
    const run = vm.compileFunction(readFileSync(file, 'utf8'), parameters, { parsingContext: context, filename: file });
    const exports = {};
    run(preloadRequire, preloadProcess, exports, { exports }, Buffer, vm.runInContext('globalThis', context), setImmediate, clearImmediate);
    return world;
  }

  // ── browser.cc's quit sequence ──────────────────────────────────────────

  private quit(): void {
    if (this.quitting) return;
    const beforeQuit = electronEvent({});
    this.app.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    if (this.windows.length === 0) this.notifyAndShutdown();
    else for (const window of [...this.windows]) window.close();
  }

  private exit(code: number): void {
    this.exitCode = code;
    if (!this.isReady) {
      this.shutDown = true;
      this.resolveExit(code);
      return;
    }
    this.quitting = true;
    this.exiting = true;
    if (this.windows.length === 0) this.shutdown();
    else for (const window of [...this.windows]) window.destroy();
  }

  onWindowCloseCancelled(): void {
    this.quitting = false;
  }

  onWindowAllClosed(): void {
    if (this.exiting) this.shutdown();
    else if (this.quitting) this.notifyAndShutdown();
    else this.app.emit('window-all-closed');
  }

  private notifyAndShutdown(): void {
    if (this.shutDown) return;
    const willQuit = electronEvent({});
    this.app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.shutDown) return;
    this.shutDown = true;
    this.quitting = true;
    const code = this.exitCode ?? 0;
    this.app.emit('quit', electronEvent({}), code);
    this.resolveExit(code);
  }
}

/** The `electron` module the main bundle requires. Only what the shell uses is there; anything else is undefined and fails loudly. */
function electronModule(self: ElectronStandIn) {
  const requireReady = () => {
    if (!self.isReady) throw new TypeError('Session can only be received when app is ready');
  };
  const protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'isProtocolHandled'> = {
    registerSchemesAsPrivileged(customSchemes) {
      self.record('protocol.registerSchemesAsPrivileged', [customSchemes]);
      if (self.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      for (const scheme of customSchemes) {
        self.privilegedSchemes.push(scheme);
        if (scheme.privileges?.standard) self.standardSchemes.add(scheme.scheme);
      }
    },
    handle(scheme, handler) {
      self.record('protocol.handle', [scheme]);
      requireReady();
      if (self.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      self.protocolHandlers.set(scheme, handler);
    },
    isProtocolHandled: (scheme) => self.protocolHandlers.has(scheme),
  };
  const ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'> = {
    on(channel, listener) {
      self.ipcListeners.on(channel, listener);
      return ipcMain as Electron.IpcMain;
    },
    removeListener(channel, listener) {
      self.ipcListeners.removeListener(channel, listener);
      return ipcMain as Electron.IpcMain;
    },
    handle(channel, listener) {
      if (self.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      self.ipcHandlers.set(channel, listener);
    },
    removeHandler(channel) {
      self.ipcHandlers.delete(channel);
    },
  };
  const screen: Pick<Electron.Screen, 'getPrimaryDisplay' | 'getAllDisplays'> = {
    getPrimaryDisplay: () => seenByTheApp<Electron.Display>(self.display(0)),
    getAllDisplays: () => self.displays.map((_, index) => seenByTheApp<Electron.Display>(self.display(index))),
  };
  // dialog.ts checkAppInitialized: every dialog but the error box needs `ready`.
  const requireReadyForDialogs = () => {
    if (!self.isReady) throw new Error('dialog module can only be used after app is ready');
  };
  const answer = (kind: 'open' | 'save', windowOrOptions: unknown, maybeOptions: unknown) => {
    requireReadyForDialogs();
    const modalTo = windowOrOptions instanceof BrowserWindowStandIn ? windowOrOptions : null;
    const options = (modalTo ? maybeOptions : windowOrOptions) as Electron.OpenDialogOptions;
    self.record(`dialog.show${kind === 'open' ? 'Open' : 'Save'}Dialog`, [options]);
    self.dialogsShown.push({ kind, modalTo, options });
    return self.dialogAnswers.shift() ?? [];
  };
  const dialog: Pick<Electron.Dialog, 'showErrorBox' | 'showMessageBoxSync' | 'showOpenDialog' | 'showOpenDialogSync' | 'showSaveDialog'> = {
    // The one dialog documented as safe before `ready`.
    showErrorBox(title, content) {
      self.record('dialog.showErrorBox', [title, content]);
      self.errorBoxes.push({ title, content });
    },
    // Modal and blocking, like Electron's; answers with the test's chosen button, or the box's cancelId.
    showMessageBoxSync: ((windowOrOptions: unknown, maybeOptions?: unknown) => {
      requireReadyForDialogs();
      const options = (windowOrOptions instanceof BrowserWindowStandIn ? maybeOptions : windowOrOptions) as Electron.MessageBoxSyncOptions;
      self.record('dialog.showMessageBoxSync', [options]);
      self.messageBoxes.push(options);
      // An error shown this way is the start-up's error box too: the tests read both alike.
      if (options.type === 'error') self.errorBoxes.push({ title: options.title ?? '', content: options.message });
      return self.messageBoxAnswers.shift() ?? options.cancelId ?? 0;
    }) as Electron.Dialog['showMessageBoxSync'],
    showOpenDialogSync: ((windowOrOptions: unknown, maybeOptions?: unknown) => {
      const filePaths = answer('open', windowOrOptions, maybeOptions);
      return filePaths.length ? filePaths : undefined;
    }) as Electron.Dialog['showOpenDialogSync'],
    showOpenDialog: (async (windowOrOptions: unknown, maybeOptions?: unknown) => {
      const filePaths = answer('open', windowOrOptions, maybeOptions);
      return { canceled: filePaths.length === 0, filePaths };
    }) as Electron.Dialog['showOpenDialog'],
    showSaveDialog: (async (windowOrOptions: unknown, maybeOptions?: unknown) => {
      const [filePath] = answer('save', windowOrOptions, maybeOptions);
      return { canceled: filePath === undefined, filePath: filePath ?? '' };
    }) as Electron.Dialog['showSaveDialog'],
  };
  const crashReporter: Pick<Electron.CrashReporter, 'start'> = {
    start(options) {
      self.record('crashReporter.start', [options]);
      self.crashReporterStarts.push(options);
    },
  };
  const Menu = {
    buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => ({ template }),
    setApplicationMenu: (menu: { template: Electron.MenuItemConstructorOptions[] } | null) => {
      self.record('Menu.setApplicationMenu', [menu]);
      self.applicationMenu = menu;
    },
  };
  class BrowserWindow extends BrowserWindowStandIn {
    constructor(options?: Electron.BrowserWindowConstructorOptions) {
      super(self, options);
    }
    static getAllWindows = () => [...self.windows];
    static getFocusedWindow = () => self.windows.find((window) => window.focused) ?? null;
    static fromWebContents = (contents: WebContentsStandIn) => self.windows.find((window) => window.webContents === contents) ?? null;
  }
  const session = {
    get defaultSession() {
      requireReady();
      return self.openDefaultSession();
    },
  };
  const shell: Pick<Electron.Shell, 'showItemInFolder' | 'openExternal'> = {
    showItemInFolder(target) {
      self.record('shell.showItemInFolder', [target]);
    },
    // Recorded, never opened: the test reads which system pane would have opened.
    openExternal(url) {
      self.record('shell.openExternal', [url]);
      return Promise.resolve();
    },
  };
  const systemPreferences: Pick<Electron.SystemPreferences, 'getMediaAccessStatus'> = {
    getMediaAccessStatus(mediaType) {
      self.record('systemPreferences.getMediaAccessStatus', [mediaType]);
      if (process.platform !== 'darwin' && process.platform !== 'win32') throw new TypeError('systemPreferences.getMediaAccessStatus is not a function');
      return self.standIn.mediaAccess?.[mediaType as 'camera' | 'microphone'] ?? 'unknown';
    },
  };
  return { app: self.app, BrowserWindow, Menu, dialog, ipcMain, protocol, screen, session, crashReporter, shell, systemPreferences };
}
