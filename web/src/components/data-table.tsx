// Every table of the dashboard: TanStack Table for sorting (click a heading) and filtering (a text
// box across all columns, a choice list for the columns that name a group such as the team).
import {
  type ColumnDef,
  type ColumnFiltersState,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useId, useMemo, useState } from 'react';

export interface Column<T> {
  id: string;
  header: string;
  value: (row: T) => string | number | null;
  /** How the cell shows (a link, a badge); the value when absent. */
  cell?: (row: T) => ReactNode;
  /** A choice list of the column's values above the table. */
  facet?: boolean;
  numeric?: boolean;
  /** Left out on a phone's narrow screen (its filter stays). */
  secondary?: boolean;
}

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** Choices preset from the address (`?team=platform`), by column id. */
  initialFilters?: Record<string, string>;
  initialSort?: { id: string; desc: boolean };
  empty?: string;
}

/** Numbers by value, anything else as text in the reader's language order. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

export function DataTable<T>({ label, rows, columns, initialFilters, initialSort, empty }: Props<T>) {
  const id = useId();
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [initialSort] : []);
  const [globalFilter, setGlobalFilter] = useState('');
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(
    Object.entries(initialFilters ?? {}).map(([cid, value]) => ({ id: cid, value })),
  );
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: T) => c.value(row),
        cell: (ctx) => (c.cell ? c.cell(ctx.row.original) : (ctx.getValue() as ReactNode)),
        sortUndefined: 'last',
        sortingFn: (a, b, cid) => compare(a.getValue(cid), b.getValue(cid)),
        filterFn: c.facet ? 'equalsString' : 'includesString',
        meta: {
          className: [c.numeric ? 'num' : '', c.secondary ? 'secondary' : ''].join(' ').trim() || undefined,
        },
      })),
    [columns],
  );
  const table = useReactTable({
    data: rows as T[],
    columns: defs,
    state: { sorting, globalFilter, columnFilters },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    globalFilterFn: 'includesString',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const facets = columns.filter((c) => c.facet);
  const shown = table.getRowModel().rows;
  return (
    <section className="table-block" aria-label={label}>
      <div className="table-tools">
        <label>
          Filter{' '}
          <input
            type="search"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
            placeholder="any column"
            aria-controls={id}
          />
        </label>
        {facets.map((c) => {
          const values = [...new Set(rows.map((r) => String(c.value(r) ?? '')))].filter(Boolean).sort();
          const current = (columnFilters.find((f) => f.id === c.id)?.value as string | undefined) ?? '';
          return (
            <label key={c.id}>
              {c.header}{' '}
              <select
                name={c.id}
                value={current}
                onChange={(e) => table.getColumn(c.id)?.setFilterValue(e.target.value || undefined)}
                aria-controls={id}
              >
                <option value="">all</option>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        <span className="count" aria-live="polite">
          {shown.length === rows.length
            ? `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`
            : `${shown.length} of ${rows.length} rows`}
        </span>
      </div>
      <div className="table-scroll">
        <table id={id}>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  const { className } = h.column.columnDef.meta as { className?: string };
                  return (
                    <th
                      key={h.id}
                      className={className}
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                    >
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span className="sort-mark">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} className={(c.column.columnDef.meta as { className?: string }).className}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="empty">
            {rows.length === 0 ? (empty ?? 'Nothing here.') : 'No row matches the filter.'}
          </p>
        )}
      </div>
    </section>
  );
}
