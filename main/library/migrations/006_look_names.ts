import type { Migration } from './index.ts';

// In code a film look is a "look" and "camera" means only a capture device, so the catalog says so too:
// the columns and the recipe's keys (stored as JSON) take the look's name. Recipes written before keep
// their values under the new keys; nothing else in a row changes.
export const migration006: Migration = {
  version: 6,
  name: 'look names',
  sql: `
    ALTER TABLE items RENAME COLUMN camera_id TO look_id;
    ALTER TABLE items RENAME COLUMN camera_name TO look_name;
    UPDATE items
      SET recipe = json_remove(
        json_set(recipe, '$.lookId', json_extract(recipe, '$.cameraId'), '$.lookVersion', json_extract(recipe, '$.cameraVersion')),
        '$.cameraId', '$.cameraVersion')
      WHERE json_type(recipe) = 'object' AND json_type(recipe, '$.cameraId') IS NOT NULL;
  `,
};
