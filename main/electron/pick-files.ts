// The desktop host's file picker for the files domain (main/app/files.ts): the system's own open and save
// dialogs, so the page gets handles to what the person chose and never names a path itself.
import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { PickFiles } from '../app/files.ts';

export const pickFilesWithDialogs: PickFiles = async (request) => {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const filters = request.filters.length > 0 ? request.filters : undefined;
  if (request.save) {
    const options = { defaultPath: request.save.defaultName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? [] : [result.filePath];
  }
  const properties: OpenDialogOptions['properties'] = [request.folders ? 'openDirectory' : 'openFile'];
  if (request.multiple) properties.push('multiSelections');
  if (request.folders) properties.push('createDirectory');
  const options: OpenDialogOptions = { properties, ...(filters && !request.folders ? { filters } : {}) };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
};
