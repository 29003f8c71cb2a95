/** A table with one row of column headings and a row per item, scrolling sideways on a narrow screen. */
import { Table, type TableProps, type TableThProps } from "@mantine/core";
import type { ReactNode } from "react";
import { Empty } from "./states";

/** A column's heading, or the heading with props of its cell (e.g. `ta: "right"` over numbers). */
export type Column = string | ({ label: string } & TableThProps);

/** The heading of a column of numbers: aligned right, as its cells are. */
export const numberColumn = (label: string): Column => ({ label, ta: "right" });

export function DataTable<T>({
  columns,
  rows,
  children,
  empty,
  minWidth,
  maxHeight,
  ...props
}: Omit<TableProps, "children"> & {
  columns: readonly Column[];
  rows: readonly T[];
  /** The table row of one item. */
  children: (row: T, index: number) => ReactNode;
  /** Shown instead of the table when there are no rows (without it, the headings stand alone). */
  empty?: ReactNode;
  /** Narrower than this, the table scrolls sideways. */
  minWidth: number;
  /** Taller than this, the table scrolls down (with `stickyHeader`, under its headings). */
  maxHeight?: number;
}) {
  if (rows.length === 0 && empty !== undefined) return <Empty>{empty}</Empty>;
  return (
    <Table.ScrollContainer minWidth={minWidth} maxHeight={maxHeight}>
      <Table {...props}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => {
              const { label, ...cellProps } = typeof column === "string" ? { label: column } : column;
              return (
                <Table.Th key={i} {...cellProps}>
                  {label}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows.map(children)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
