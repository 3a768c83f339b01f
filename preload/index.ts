// The only bridge between the sandboxed page and main. It exposes two
// functions, checks names against the contract, and never hands the raw IPC
// event (which carries `sender`) to the page.
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, methodNames, type EventName, type MethodName } from '../main/shared/contract/api.ts';
import { IPC_CALL_PREFIX as CALL, IPC_EVENT_PREFIX as EVENT, IPC_FRAME_TAKEN, type PreloadBridge } from '../main/shared/contract/transports/electron-channels.ts';
const methods = new Set<string>(methodNames);
const events = new Set<string>(eventNames);

const bridge: PreloadBridge = {
  call(method: MethodName, input: unknown) {
    if (!methods.has(method)) return Promise.resolve({ ok: false, error: { code: 'api.unknown-method', message: `There is no API method called "${String(method)}".`, params: { method: String(method) } } });
    return ipcRenderer.invoke(CALL + method, input);
  },
  subscribe(event: EventName, listener: (payload: unknown) => void) {
    if (!events.has(event)) throw new Error(`There is no event called "${String(event)}".`);
    const forward =
      event === 'viewfinder.frame'
        ? (_event: unknown, payload: unknown) => {
            listener(payload);
            ipcRenderer.send(IPC_FRAME_TAKEN);
          }
        : (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT + event, forward);
    return () => void ipcRenderer.removeListener(EVENT + event, forward);
  },
};

contextBridge.exposeInMainWorld('darkslide', bridge);
