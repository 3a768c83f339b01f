/**
 * A big library's catalog written straight into SQLite, as years of use would leave it: ten years of shots,
 * bursty (many on some days, none on others). bench:album measures its queries over rows alone; bench:album-page
 * gives each row a file (`file`) and shows the album in Chromium.
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openLibrary } from '../../main/library/index.ts';

export type GeneratedCatalog = {
  /** Every eleventh row a video (default); false: photos only. */
  videos?: boolean;
  /** The pixel size every row records. */
  size: { width: number; height: number };
  /** Called for each row with its path in the library, to put a file there. */
  file?: (index: number, relPath: string) => void;
};

export async function generateCatalog(library: { root: string; dataDir: string }, count: number, options: GeneratedCatalog): Promise<void> {
  await (await openLibrary(library)).close();
  const db = new DatabaseSync(path.join(library.dataDir, 'catalog.sqlite'));
  const insert = db.prepare(
    `INSERT INTO items (id, kind, file_name, rel_path, width, height, taken_at, taken_at_ms, look_id, look_name, recipe, bytes, state,
       created_at, added_at_ms, source_hash, develop_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{"lookId":"harbor-400","lookVersion":1,"strength":1,"grain":1}', 3000000, 'done', ?, ?, ?, ?)`,
  );
  db.exec('BEGIN');
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < count; i++) {
    const ms = start + Math.floor((i / count) * 3650) * 86_400_000 + ((i * 7919) % 86_400) * 1000;
    const iso = new Date(ms).toISOString().replace('Z', '+00:00');
    const id = i.toString(16).padStart(16, '0');
    const name = `DS_gen_${i}.jpg`;
    const harbor = i % 3 !== 0;
    options.file?.(i, `gen/${name}`);
    insert.run(id, options.videos !== false && i % 11 === 0 ? 'video' : 'photo', name, `gen/${name}`, options.size.width, options.size.height, iso, ms, harbor ? 'harbor-400' : 'glacier-50', harbor ? 'Harbor 400' : 'Glacier 50', iso, ms, id.repeat(4), `k${id}`.padEnd(64, '0'));
  }
  db.exec('COMMIT');
  db.close();
}
