import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

type WindowState = { bounds: Rectangle; maximized: boolean };
const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 860 }, maximized: false };

export function loadWindowState(dataDir: string): WindowState {
  try {
    const saved = JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as WindowState;
    // A monitor that was unplugged must not leave the window off-screen.
    const visible = screen.getAllDisplays().some((display) => {
      const area = display.workArea;
      return saved.bounds.x < area.x + area.width && saved.bounds.x + saved.bounds.width > area.x && saved.bounds.y < area.y + area.height && saved.bounds.y + saved.bounds.height > area.y;
    });
    return visible ? saved : { ...DEFAULT, maximized: saved.maximized };
  } catch {
    return DEFAULT;
  }
}

export function rememberWindowState(window: BrowserWindow, dataDir: string): void {
  const file = path.join(dataDir, 'window-state.json');
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    const temp = `${file}.${process.pid}.tmp`;
    void writeFile(temp, JSON.stringify(state)).then(() => rename(temp, file)).catch(() => undefined);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
