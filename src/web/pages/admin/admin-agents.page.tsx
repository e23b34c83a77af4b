import { Badge, Button, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_STATUSES, type AgentStatus, type AgentView } from '../../../shared/contracts/agents.js';
import { useAgents } from '../../api/agents.hooks.js';
import { SkillCells } from '../../components/agent-skills.js';
import { DataTable, PersonCell } from '../../components/data-table.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { useAgentDecision } from './agent-decision.js';
import { AddAgentDialog, EditAgentDialog } from './agent-dialogs.js';
import { SegmentedFilter, useParamFilter } from './segmented-filter.js';

/** The table's column headings, as catalogue keys. */
const COLUMNS = [
  'agents.name',
  'agents.status',
  'agents.categories',
  'agents.languages',
  'common.actions',
] as const;

const STATUS_COLORS: Record<AgentStatus, string> = {
  pending: 'yellow',
  active: 'green',
  rejected: 'gray',
  deactivated: 'red',
};

/** "Agents": list by status, add (with an invitation link), edit skills, deactivate. */
export function AdminAgentsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useParamFilter('status', AGENT_STATUSES);
  const [adding, setAdding] = useState(false);
  return (
    <ListPage
      title={t('agents.title')}
      description={t('agents.intro')}
      actions={<Button onClick={() => setAdding(true)}>{t('agents.add')}</Button>}
      below={<AddAgentDialog opened={adding} onClose={() => setAdding(false)} />}
    >
      <SegmentedFilter
        legend={t('agents.statusFilter')}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('agents.all') },
          ...AGENT_STATUSES.map((value) => ({ value, label: t(`agents.statuses.${value}`) })),
        ]}
      />
      <AgentTable key={status ?? 'all'} status={status} />
    </ListPage>
  );
}

function AgentTable({ status }: { status: AgentStatus | undefined }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const agents = useAgents(status, pages.cursor);
  const decision = useAgentDecision();
  const [editing, setEditing] = useState<AgentView | null>(null);

  return (
    <QueryStates
      query={agents}
      errorTitle={t('agents.loadError')}
      isEmpty={noItems}
      empty={{ title: t('agents.empty'), body: t('agents.emptyBody') }}
    >
      <DataTable
        caption={t('agents.title')}
        columns={COLUMNS.map((key) => t(key))}
        minWidth={820}
        busy={agents.isPending || agents.isPlaceholderData}
      >
        {(agents.data?.items ?? []).map((agent) => (
          <Table.Tr key={agent.id}>
            <PersonCell name={agent.fullName} email={agent.email} />
            <Table.Td>
              <Badge color={STATUS_COLORS[agent.status]} variant="light" radius="sm">
                {t(`agents.statuses.${agent.status}`)}
              </Badge>
            </Table.Td>
            <SkillCells agent={agent} />
            <Table.Td>
              {agent.status === 'active' ? (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('agents.editLabel', { name: agent.fullName })}
                    onClick={() => setEditing(agent)}
                  >
                    {t('agents.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-label={t('agents.deactivateLabel', { name: agent.fullName })}
                    disabled={decision.pending}
                    onClick={() => decision.decide(agent, 'deactivate')}
                  >
                    {t('agents.deactivate')}
                  </Button>
                </Group>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Pager label={t('agents.title')} pages={pages} query={agents} />
      <EditAgentDialog agent={editing} onClose={() => setEditing(null)} />
    </QueryStates>
  );
}
