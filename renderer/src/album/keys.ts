// The album's keys as the key help lists them (the grid's own keys work while a tile has the focus).
import type { KeyList } from '../components/KeyHelp.tsx';

export const ALBUM_KEYS: KeyList = [
  ['key.all-arrows', 'album.keys.move'],
  ['key.enter', 'album.keys.open'],
  ['key.space', 'album.keys.pick'],
  ['key.ctrl-a', 'album.keys.all'],
  ['key.esc', 'album.keys.clear'],
  ['key.delete', 'album.keys.trash'],
  ['key.f', 'album.keys.favourite'],
  ['key.ctrl-z', 'album.keys.undo'],
  ['key.d', 'album.keys.develop'],
  ['key.i', 'jobs.keys.import'],
  ['key.j', 'jobs.keys.tray'],
  ['key.c', 'album.keys.camera'],
  ['key.question', 'album.keys.help'],
];
