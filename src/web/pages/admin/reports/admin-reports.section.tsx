import { Alert, Anchor, Card, Group, Loader, Stack, Table, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '../../../../shared/contracts/reports.js';
import { EmptyState } from '../../../components/empty-state.js';
import { csvUrl, type ReportFilters } from './admin-reports.hooks.js';

/** One report: its title, a CSV download, then the chart and the numbers (or why there are none). */
export function ReportSection<T>({
  kind,
  title,
  filters,
  query,
  isEmpty,
  children,
}: {
  kind: ReportKind;
  title: string;
  filters: ReportFilters;
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = `report-${kind}`;
  let body: ReactNode;
  if (query.isPending) body = <Loader size="sm" aria-label={t('reports.loading')} />;
  else if (query.isError) body = <Alert color="red" title={t('reports.loadError')} />;
  else if (isEmpty(query.data))
    body = <EmptyState title={t('reports.empty')}>{t('reports.emptyBody')}</EmptyState>;
  else body = children(query.data);
  return (
    <Card withBorder component="section" aria-labelledby={headingId} data-report={kind}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          <Anchor href={csvUrl(kind, filters)} download size="sm">
            {t('reports.downloadCsv')}
          </Anchor>
        </Group>
        {body}
      </Stack>
    </Card>
  );
}

/** The numbers behind a chart, as a scrollable table. */
export function NumbersTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: string[];
  rows: (string | number | null)[][];
}) {
  return (
    <Table.ScrollContainer minWidth={480} maxHeight={320}>
      <Table striped stickyHeader captionSide="top" data-numbers>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {header.map((cell) => (
              <Table.Th key={cell}>{cell}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            <Table.Tr key={i}>
              {row.map((cell, j) => (
                <Table.Td key={j}>{cell ?? '–'}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
