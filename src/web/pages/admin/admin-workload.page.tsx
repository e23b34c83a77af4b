import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkloadRow } from '../../../shared/contracts/tickets.js';
import { useWorkload } from '../../api/tickets.hooks.js';
import { DataTable, TimeText } from '../../components/data-table.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
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
    <ListPage title={t('workload.title')} description={t('workload.intro')}>
      <QueryStates
        query={workload}
        errorTitle={t('workload.loadError')}
        isEmpty={noItems}
        empty={{ title: t('workload.empty') }}
      >
        <DataTable
          caption={t('workload.caption')}
          columns={[
            t('workload.agent'),
            ...COUNTED.map((status) => ({ label: t(`status.${status}`), end: true, key: status })),
            { label: t('workload.total'), end: true },
            t('workload.oldest'),
          ]}
          minWidth={760}
          busy={workload.isPending}
          highlightOnHover
        >
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
                  <TimeText value={row.oldestWaitingSince} withTime />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
    </ListPage>
  );
}
