import { Button, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/agents.hooks.js';
import { SkillCells } from '../../components/agent-skills.js';
import { DataTable, PersonCell, TimeText } from '../../components/data-table.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { useAgentDecision } from './agent-decision.js';

/** The table's column headings, as catalogue keys. */
const COLUMNS = [
  'requests.name',
  'requests.categories',
  'requests.languages',
  'requests.requested',
  'common.actions',
] as const;

/** "Requests": people who asked to join as agents, with Accept and Reject. */
export function AdminRequestsPage() {
  const { t } = useTranslation();
  const requests = useAgents('pending');
  const decision = useAgentDecision();

  return (
    <ListPage title={t('requests.title')} description={t('requests.intro')}>
      <QueryStates
        query={requests}
        errorTitle={t('requests.loadError')}
        isEmpty={noItems}
        empty={{ title: t('requests.empty'), body: t('requests.emptyBody') }}
      >
        <DataTable
          caption={t('requests.title')}
          columns={COLUMNS.map((key) => t(key))}
          minWidth={760}
          busy={requests.isPending}
        >
          {(requests.data?.items ?? []).map((agent) => (
            <Table.Tr key={agent.id}>
              <PersonCell name={agent.fullName} email={agent.email} />
              <SkillCells agent={agent} />
              <Table.Td>
                <TimeText value={agent.createdAt} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    aria-label={t('requests.acceptLabel', { name: agent.fullName })}
                    disabled={decision.pending}
                    onClick={() => decision.decide(agent, 'accept')}
                  >
                    {t('requests.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('requests.rejectLabel', { name: agent.fullName })}
                    disabled={decision.pending}
                    onClick={() => decision.decide(agent, 'reject')}
                  >
                    {t('requests.reject')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
    </ListPage>
  );
}
