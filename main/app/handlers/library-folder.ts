import type { libraryFolderMethods } from '../../shared/contract/methods/library-folder.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function libraryFolderHandlers({ libraryControl, files }: AppContext): DomainHandlers<typeof libraryFolderMethods> {
  return {
    'libraryFolder.status': () => libraryControl.status(),
    'libraryFolder.choose': ({ folder }) => libraryControl.choose(files.resolve(folder, { kind: 'folder' }).path),
    'libraryFolder.move': ({ folder }) => libraryControl.move(files.resolve(folder, { kind: 'folder' }).path),
    'libraryFolder.cancelMove': () => libraryControl.cancelMove(),
  };
}
