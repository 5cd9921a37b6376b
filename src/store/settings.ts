// The store side of server settings (src/server/settings.ts): a row per setting changed from its default.
import type { Store } from './store.ts';

/** Every stored setting: key to its JSON text. */
export async function storedSettings(store: Store): Promise<Map<string, string>> {
  const rows = await store.db.selectFrom('settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function putSetting(
  store: Store,
  row: { key: string; value: string; updated_at: string; updated_by: string },
): Promise<void> {
  await store.db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}
