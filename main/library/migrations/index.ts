import type { DatabaseSync } from 'node:sqlite';
import { DarkslideError } from '../../shared/errors/index.ts';
import { migration001 } from './001_items.ts';
import { migration002 } from './002_trash_location.ts';
import { migration003 } from './003_originals.ts';
import { migration004 } from './004_owners.ts';
import { migration005 } from './005_changes.ts';
import { migration006 } from './006_look_names.ts';
import { migration007 } from './007_item_location.ts';
import { migration008 } from './008_jobs.ts';
import { migration009 } from './009_imports.ts';
import { migration010 } from './010_album.ts';

export type Migration = { version: number; name: string; sql: string };

/** In order; `version` is what PRAGMA user_version holds once the migration has run. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];
export const LATEST_VERSION = migrations[migrations.length - 1]!.version;

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Brings `db` to `target` (default: latest), one transaction per migration so a failure leaves a known version. */
export function migrate(db: DatabaseSync, target: number = LATEST_VERSION, catalogFile = 'the catalog'): number {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new DarkslideError('library.catalog-too-new', { file: catalogFile, version: current, latest: LATEST_VERSION });
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process opening the same catalog at the same moment may have run this migration while this one
      // waited for the write lock: read the version again under the lock.
      if (schemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      db.exec(migration.sql);
      // user_version lives in the database header and is written inside this same transaction.
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new DarkslideError(
        'library.migration-failed',
        { file: catalogFile, version: migration.version, name: migration.name, detail: (error as Error).message, left: schemaVersion(db) },
        { cause: error },
      );
    }
  }
  return schemaVersion(db);
}
