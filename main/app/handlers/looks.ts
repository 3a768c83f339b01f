import * as looks from '../../looks/index.ts';
import type { looksMethods } from '../../shared/contract/methods/looks.ts';
import { developFileIntoLibrary, developSample, importLookFile, lookSample, samplePictureOf } from '../develop.ts';
import { toApiItem } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function looksHandlers({ library, files }: AppContext): DomainHandlers<typeof looksMethods> {
  return {
    'looks.list'() {
      return looks.listLooks().map((look) => ({ ...look, imported: !looks.isBuiltInLook(look.id) }));
    },
    async 'looks.preview'({ id }) {
      // The camera's LUT is compiled on a pixel worker the first time, not on this thread.
      await looks.lookLutAsync(id);
      const preview = looks.previewLook(id);
      return { id, size: preview.size, lut: new Uint8Array(preview.lut.buffer, preview.lut.byteOffset, preview.lut.byteLength), params: preview.params };
    },
    async 'looks.grainPlate'({ id, width, height, seed }) {
      const plate = await looks.viewfinderGrainPlate(id, width, height, seed);
      if (!plate) return { plate: null };
      // Out of shared memory: a SharedArrayBuffer cannot cross to another process.
      const bytes = new Uint8Array(plate.byteLength);
      bytes.set(new Uint8Array(plate.buffer, plate.byteOffset, plate.byteLength));
      return { plate: bytes };
    },
    async 'looks.sample'({ id }) {
      return { jpeg: await lookSample(id) };
    },
    async 'looks.import'({ file, ...input }) {
      const chosen = files.resolve(file, { kind: 'file' });
      return { ...(await importLookFile({ ...input, path: chosen.path, fileName: chosen.name })), imported: true };
    },
    'looks.rename'({ id, name }) {
      return { ...looks.renameLook(id, name), imported: true };
    },
    async 'looks.uses'({ id }) {
      looks.getLook(id);
      const [kept, trashed] = await Promise.all([library.album.layout({ lookId: id }), library.album.layout({ lookId: id, trashed: true })]);
      return { shots: kept.total + trashed.total };
    },
    'looks.delete'({ id }) {
      looks.deleteLook(id);
      return {};
    },
    async 'develop.sample'({ subject, ...input }) {
      if ('picture' in subject) return developSample({ ...input, picture: Buffer.from(subject.picture), fileName: subject.name });
      if ('item' in subject) {
        const { path, fileName } = await samplePictureOf(library, subject.item);
        return developSample({ ...input, picture: path, fileName });
      }
      const chosen = files.resolve(subject.file, { kind: 'file' });
      return developSample({ ...input, picture: chosen.path, fileName: chosen.name });
    },
    async 'develop.photo'({ file, ...input }) {
      const chosen = files.resolve(file, { kind: 'file' });
      return toApiItem(await developFileIntoLibrary(library, { ...input, path: chosen.path, fileName: chosen.name }));
    },
  };
}
