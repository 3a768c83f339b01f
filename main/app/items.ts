// A library item as the contract promises it. The catalog keeps recipes as JSON it does not interpret; the
// app reads them as the shared Recipe, and one it cannot read (a newer Darkslide's, or damaged) shows as
// unknown rather than hiding the item.
import type { LibraryItemT } from '../shared/contract/api.ts';
import { Recipe } from '../shared/looks/recipe.ts';
import type { LibraryItem } from '../library/index.ts';

export function toApiItem(item: LibraryItem): LibraryItemT {
  const recipe = Recipe.safeParse(item.recipe);
  return { ...item, recipe: recipe.success ? recipe.data : null };
}

export function toApiItems<T extends { items: LibraryItem[] }>(page: T): Omit<T, 'items'> & { items: LibraryItemT[] } {
  return { ...page, items: page.items.map(toApiItem) };
}

/** Whether the item's kept original holds a Twin Half pair's two exposures side by side (main/app/develop.ts). */
export function keepsPair(item: LibraryItem): boolean {
  return toApiItem(item).recipe?.pair === true;
}
