import type { Catalog, CatalogTable } from './catalog';
import type { DataMap, DriftFinding } from '../../shared/datamap';

export type { DriftFinding };

/**
 * Where the map and the live database part ways: a table or column the map names that is gone
 * (with the likely new name when one column or table appeared in its place), a primary key
 * that changed, and columns added since the map was made, whose data category nobody has set.
 */
export function diffMapWithCatalog(map: DataMap, catalog: Catalog): DriftFinding[] {
  const live = new Map(catalog.tables.map((t) => [t.name, t]));
  const mapped = new Set(map.tables.map((t) => t.table));
  const findings: DriftFinding[] = [];
  for (const entry of map.tables) {
    const table = live.get(entry.table);
    if (!table) {
      const renamed = likelyRenamedTable(entry.table, Object.keys(entry.columns), catalog, mapped);
      findings.push({
        kind: 'missing-table',
        severity: 'blocking',
        table: entry.table,
        column: null,
        text: `${entry.table} is no longer in the database${renamed ? `; ${renamed} has its columns and may be its new name` : ' (dropped or renamed)'}. Update the data map.`,
      });
      continue;
    }
    const liveColumns = new Set(table.columns.map((c) => c.name));
    const gone = Object.keys(entry.columns).filter((c) => !liveColumns.has(c));
    const added = table.columns.filter((c) => !(c.name in entry.columns));
    for (const column of gone) {
      const only = gone.length === 1 && added.length === 1 ? added[0] : undefined;
      findings.push({
        kind: 'missing-column',
        severity: 'blocking',
        table: entry.table,
        column,
        text: `${entry.table}.${column} is no longer in the database${only ? `; ${only.name} appeared instead and may be its new name` : ''}. Update the data map.`,
      });
    }
    if (table.key && !sameList(table.key, entry.key)) {
      findings.push({
        kind: 'key-changed',
        severity: 'blocking',
        table: entry.table,
        column: null,
        text: `The primary key of ${entry.table} is now (${table.key.join(', ')}), not (${entry.key.join(', ')}) as the map says. Update the data map.`,
      });
    }
    for (const column of added) {
      if (gone.length === 1 && added.length === 1) continue;
      findings.push({
        kind: 'new-column',
        severity: 'notice',
        table: entry.table,
        column: column.name,
        text: `${entry.table}.${column.name} is new and not in the data map: nobody has said what it holds about a person.`,
      });
    }
  }
  // What stops the map working first; the rest keeps the map's own order.
  return [
    ...findings.filter((f) => f.severity === 'blocking'),
    ...findings.filter((f) => f.severity === 'notice'),
  ];
}

/** An unmapped table in the same schema holding every column the missing table had. */
function likelyRenamedTable(
  name: string,
  columns: string[],
  catalog: Catalog,
  mapped: Set<string>,
): string | null {
  const schema = name.split('.')[0];
  const candidates = catalog.tables.filter(
    (t: CatalogTable) =>
      t.schema === schema &&
      !mapped.has(t.name) &&
      columns.every((c) => t.columns.some((live) => live.name === c)),
  );
  return candidates.length === 1 ? (candidates[0]?.name ?? null) : null;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
