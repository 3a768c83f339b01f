// Electron IPC transport, derived from the contract: one handler per method
// name in the table, one channel for events. Nothing here knows what a method
// does; the dispatcher validates every payload.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { eventNames, methodNames } from '../shared/contract/api.ts';
import { DarkslideError } from '../shared/contract/errors.ts';
import type { Dispatcher } from '../shared/contract/transport.ts';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX } from '../shared/contract/transports/preload-client.ts';
import { APP_ORIGIN } from './protocols.ts';


function isOwnMainFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && new URL(frame.url).origin === APP_ORIGIN;
}

export function connectIpc(dispatcher: Dispatcher, window: BrowserWindow): () => void {
  for (const method of methodNames) {
    ipcMain.handle(IPC_CALL_PREFIX + method, (event, input: unknown) => {
      if (!isOwnMainFrame(event, window)) {
        return { ok: false, error: new DarkslideError('api.forbidden').toData() };
      }
      return dispatcher.dispatch(method, input);
    });
  }
  const known = new Set<string>(eventNames);
  const stop = dispatcher.onEvent((event, payload) => {
    if (!known.has(event) || window.isDestroyed()) return;
    window.webContents.send(IPC_EVENT_PREFIX + event, payload);
  });
  return () => {
    stop();
    for (const method of methodNames) ipcMain.removeHandler(IPC_CALL_PREFIX + method);
  };
}
