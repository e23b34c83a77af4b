import { Card, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkloadRow } from '../../../shared/contracts/tickets.js';
import { useWorkload } from '../../api/tickets.hooks.js';
import { EmptyState } from '../../components/empty-state.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { useFormat } from '../../i18n/format.js';

const COUNTED: (keyof WorkloadRow['counts'])[] = [
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'reopened',
];

/** "Workload": per agent, open tickets by status and the oldest one still waiting. */
export function AdminWorkloadPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const workload = useWorkload();
  return (
    <Stack gap="lg">
      <PageHeader title={t('workload.title')} description={t('workload.intro')} />
      <Card withBorder padding={0}>
        {workload.isError ? (
          <Stack p="lg">
            <QueryErrorAlert
              title={t('workload.loadError')}
              error={workload.error}
              onRetry={() => void workload.refetch()}
            />
          </Stack>
        ) : workload.data?.items.length === 0 ? (
          <EmptyState title={t('workload.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table
              verticalSpacing="sm"
              horizontalSpacing="md"
              highlightOnHover
              aria-busy={workload.isPending}
            >
              <VisuallyHidden component="caption">{t('workload.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workload.agent')}</Table.Th>
                  {COUNTED.map((status) => (
                    <Table.Th scope="col" key={status} ta="end">
                      {t(`status.${status}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" ta="end">
                    {t('workload.total')}
                  </Table.Th>
                  <Table.Th scope="col">{t('workload.oldest')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(workload.data?.items ?? []).map((row) => (
                  <Table.Tr key={row.agent.id}>
                    <Table.Th scope="row" fw={500}>
                      {row.agent.fullName}
                    </Table.Th>
                    {COUNTED.map((status) => (
                      <Table.Td key={status} ta="end">
                        {format.number(row.counts[status])}
                      </Table.Td>
                    ))}
                    <Table.Td ta="end" fw={700}>
                      {format.number(row.total)}
                    </Table.Td>
                    <Table.Td>
                      {row.oldestWaitingSince ? (
                        <Text size="sm" component="time" dateTime={row.oldestWaitingSince}>
                          {format.dateTime(row.oldestWaitingSince)}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('common.none')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
