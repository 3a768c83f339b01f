// Electron IPC transport, derived from the contract: one handler per method
// name in the table, one channel for events. Nothing here knows what a method
// does; the dispatcher validates every payload.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { eventNames, methodNames } from '../shared/contract/api.ts';
import { DarkslideError } from '../shared/contract/errors.ts';
import type { Dispatcher } from '../shared/contract/transport.ts';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX, IPC_FRAME_TAKEN } from '../shared/contract/transports/electron-channels.ts';
import { describeUrl, isAppUrl } from './origin.ts';

/**
 * Why a call is refused, or null when it comes from the app's own page: the main frame (no parent) of this
 * window's webContents, showing app://darkslide.
 */
export function refusalReason(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: BrowserWindow): string | null {
  if (window.isDestroyed()) return 'the window is closed';
  if (event.sender.id !== window.webContents.id) return 'it comes from another webContents';
  const frame = event.senderFrame;
  if (!frame) return 'its frame has navigated away or been destroyed';
  // A frame destroyed while the call was on its way throws on access: refused like a missing one.
  try {
    const main = window.webContents.mainFrame;
    if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return 'it comes from a subframe';
    if (!isAppUrl(frame.url)) return 'its frame is not showing Darkslide';
  } catch {
    return 'its frame has been destroyed';
  }
  return null;
}

function frameForLog(frame: IpcMainInvokeEvent['senderFrame']): string {
  try {
    return frame ? describeUrl(frame.url) : '(no frame)';
  } catch {
    return '(a destroyed frame)';
  }
}

const FRAME_TAKEN_WITHIN_MS = 1000;

export function connectIpc(dispatcher: Dispatcher, window: BrowserWindow): () => void {
  for (const method of methodNames) {
    const channel = IPC_CALL_PREFIX + method;
    ipcMain.handle(channel, (event, input: unknown) => {
      const reason = refusalReason(event, window);
      if (reason) {
        console.warn(`Darkslide refused an IPC call on ${channel} from ${frameForLog(event.senderFrame)}: ${reason}.`);
        return { ok: false, error: new DarkslideError('api.forbidden').toData() };
      }
      return dispatcher.dispatch(method, input);
    });
  }
  const known = new Set<string>(eventNames);
  // One viewfinder frame in flight: the next goes when the page has taken this one (the preload says so), so a
  // page that falls behind gets fewer frames instead of a growing queue, as on the loopback socket. A frame not
  // taken within a second (no one subscribed, a reload) stops holding the next back.
  let frameSentAt: number | null = null;
  const frameTaken = (event: IpcMainEvent) => {
    if (!window.isDestroyed() && event.sender.id === window.webContents.id) frameSentAt = null;
  };
  ipcMain.on(IPC_FRAME_TAKEN, frameTaken);
  const stop = dispatcher.onEvent((event, payload) => {
    if (!known.has(event) || window.isDestroyed() || window.webContents.isDestroyed()) return;
    if (event === 'viewfinder.frame') {
      const now = Date.now();
      if (frameSentAt !== null && now - frameSentAt < FRAME_TAKEN_WITHIN_MS) return;
      frameSentAt = now;
    }
    window.webContents.send(IPC_EVENT_PREFIX + event, payload);
  });
  return () => {
    stop();
    ipcMain.removeListener(IPC_FRAME_TAKEN, frameTaken);
    for (const method of methodNames) ipcMain.removeHandler(IPC_CALL_PREFIX + method);
  };
}
