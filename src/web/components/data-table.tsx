import { Skeleton, Table, Text, VisuallyHidden, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useFormat } from '../i18n/format.js';

/** A column heading: its text, or the text and `end` for numbers (aligned right). */
export type ColumnHead = string | { label: string; end?: boolean; key?: string };

/**
 * The list tables' frame: scrolls sideways below `minWidth` (phones), a caption for screen readers,
 * column headings, and `aria-busy` while loading. While another page loads (`refreshing`) the
 * current rows stay, dimmed.
 */
export function DataTable({
  caption,
  columns,
  minWidth,
  busy,
  refreshing = false,
  highlightOnHover = false,
  horizontalSpacing = 'md',
  children,
}: {
  caption: string;
  columns: ColumnHead[];
  minWidth: number;
  busy: boolean;
  refreshing?: boolean;
  highlightOnHover?: boolean;
  horizontalSpacing?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing={horizontalSpacing}
        highlightOnHover={highlightOnHover}
        aria-busy={busy || refreshing}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <Table.Th scope="col" key={column}>
                  {column}
                </Table.Th>
              ) : (
                <Table.Th scope="col" key={column.key ?? column.label} ta={column.end ? 'end' : undefined}>
                  {column.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Placeholder rows while the first page loads; `cells` gives each cell's skeleton size. */
export function SkeletonRows({
  rows,
  cells,
}: {
  rows: number;
  cells: { height?: number; width: number | string; radius?: MantineSpacing }[];
}) {
  return Array.from({ length: rows }, (_, row) => (
    <Table.Tr key={row} aria-hidden>
      {cells.map((cell, index) => (
        <Table.Td key={index}>
          <Skeleton height={cell.height ?? 14} width={cell.width} radius={cell.radius} />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

/** A person in a table cell: the name, and the email below it in small grey text. */
export function PersonCell({ name, email, bold = true }: { name: string; email: string; bold?: boolean }) {
  return (
    <Table.Td>
      <Text size="sm" fw={bold ? 500 : undefined}>
        {name}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {email}
      </Text>
    </Table.Td>
  );
}

/** A timestamp as a `<time>` element: the date, or the date and time. */
export function TimeText({ value, withTime = false }: { value: string; withTime?: boolean }) {
  const format = useFormat();
  return (
    <Text size="sm" component="time" dateTime={value}>
      {withTime ? format.dateTime(value) : format.date(value)}
    </Text>
  );
}
