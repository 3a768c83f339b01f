// What can be done with a selection. Moving to and from the trash is built in; other work adds itself to
// `bulkActions` (a dialog that receives the selected ids), so the album's bar grows without edits to it.
// The export work's dialog is meant to be the first: `{ id: 'export', label: 'album.bulk.export', ... }`.
import type { ComponentType } from 'react';
import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { api } from '../api.ts';
import { DevelopJobDialog } from '../jobs/DevelopJobDialog.tsx';
import { ExportDialog } from '../jobs/ExportDialog.tsx';
import { GeotagBulkDialog } from '../location/GeotagDialog.tsx';

export type BulkActionProps = { ids: string[]; onClose(): void };

export type BulkAction = {
  id: string;
  label: MessageId;
  /** Shown for a selection in the album, in the trash, or both. */
  where: 'album' | 'trash' | 'both';
  dialog: ComponentType<BulkActionProps>;
};

export const bulkActions: BulkAction[] = [
  { id: 'develop', label: 'develop-job.open', where: 'album', dialog: DevelopJobDialog },
  { id: 'geotag', label: 'geotag.open', where: 'album', dialog: GeotagBulkDialog },
  { id: 'export', label: 'export.open', where: 'album', dialog: ExportDialog },
];

/** The contract takes up to 10,000 ids a call; a selection of the whole album goes in slices. */
const SLICE = 10_000;

async function inSlices(ids: string[], call: (slice: string[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < ids.length; start += SLICE) await call(ids.slice(start, start + SLICE));
}

export function trashItems(ids: string[]): Promise<void> {
  return inSlices(ids, (slice) => api.library.trash({ ids: slice }));
}

export function restoreItems(ids: string[]): Promise<void> {
  return inSlices(ids, (slice) => api.library.restore({ ids: slice }));
}

export function setFavourite(ids: string[], favourite: boolean): Promise<void> {
  return inSlices(ids, (slice) => api.library.favourite({ ids: slice, favourite }));
}
