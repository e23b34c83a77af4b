import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AGENT_STATUSES, type AgentStatus, type AgentView } from '../../../shared/contracts/agents.js';
import { useAgentAction, useAgents } from '../../api/agents.hooks.js';
import { SkillList } from '../../components/agent-skills.js';
import { EmptyState } from '../../components/empty-state.js';
import { errorText } from '../../components/error-text.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { AddAgentDialog, EditAgentDialog } from './agent-dialogs.js';
import classes from './admin.module.css';

const STATUS_COLORS: Record<AgentStatus, string> = {
  pending: 'yellow',
  active: 'green',
  rejected: 'gray',
  deactivated: 'red',
};

const parseAgentStatus = (value: string | null): AgentStatus | undefined =>
  (AGENT_STATUSES as readonly string[]).includes(value ?? '') ? (value as AgentStatus) : undefined;

/** "Agents": list by status, add (with an invitation link), edit skills, deactivate. */
export function AdminAgentsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseAgentStatus(searchParams.get('status'));
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('agents.title')}
        description={t('agents.intro')}
        actions={<Button onClick={() => setAdding(true)}>{t('agents.add')}</Button>}
      />
      <Card withBorder padding={0}>
        <Group px={{ base: 'md', sm: 'lg' }} py="md">
          <fieldset className={classes.filter}>
            <legend className={classes.legend}>{t('agents.statusFilter')}</legend>
            <div className={classes.filterOptions}>
              <SegmentedControl
                value={status ?? 'all'}
                onChange={(value) =>
                  setSearchParams(value === 'all' ? {} : { status: value }, { replace: true })
                }
                data={[
                  { value: 'all', label: t('agents.all') },
                  ...AGENT_STATUSES.map((value) => ({ value, label: t(`agents.statuses.${value}`) })),
                ]}
              />
            </div>
          </fieldset>
        </Group>
        <AgentTable key={status ?? 'all'} status={status} />
      </Card>
      <AddAgentDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function AgentTable({ status }: { status: AgentStatus | undefined }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const agents = useAgents(status, pages.cursor);
  const action = useAgentAction();
  const [editing, setEditing] = useState<AgentView | null>(null);

  const confirmDeactivate = (agent: AgentView) =>
    modals.openConfirmModal({
      title: t('agents.deactivateTitle'),
      centered: true,
      children: <Text size="sm">{t('agents.deactivateBody', { name: agent.fullName })}</Text>,
      labels: { confirm: t('agents.deactivate'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        action.mutate(
          { id: agent.id, action: 'deactivate' },
          {
            onSuccess: () =>
              notifications.show({
                color: 'gray',
                message: t('agents.deactivated', { name: agent.fullName }),
              }),
            onError: (error) =>
              notifications.show({ color: 'red', title: t('errors.title'), message: errorText(t, error) }),
          },
        ),
    });

  if (agents.isError) {
    return (
      <Stack p="lg">
        <QueryErrorAlert
          title={t('agents.loadError')}
          error={agents.error}
          onRetry={() => void agents.refetch()}
        />
      </Stack>
    );
  }
  if (agents.data?.items.length === 0 && !agents.isPlaceholderData) {
    return <EmptyState title={t('agents.empty')}>{t('agents.emptyBody')}</EmptyState>;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table
          verticalSpacing="sm"
          horizontalSpacing="md"
          aria-busy={agents.isPending || agents.isPlaceholderData}
        >
          <VisuallyHidden component="caption">{t('agents.title')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('agents.name')}</Table.Th>
              <Table.Th scope="col">{t('agents.status')}</Table.Th>
              <Table.Th scope="col">{t('agents.categories')}</Table.Th>
              <Table.Th scope="col">{t('agents.languages')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(agents.data?.items ?? []).map((agent) => (
              <Table.Tr key={agent.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {agent.fullName}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {agent.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[agent.status]} variant="light" radius="sm">
                    {t(`agents.statuses.${agent.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <SkillList items={agent.categories.map((category) => category.name)} />
                </Table.Td>
                <Table.Td>
                  <SkillList items={agent.languages.map((language) => t(`language.${language}`))} />
                </Table.Td>
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
                        disabled={action.isPending}
                        onClick={() => confirmDeactivate(agent)}
                      >
                        {t('agents.deactivate')}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager
        label={t('agents.title')}
        page={pages.page}
        nextCursor={agents.isPlaceholderData ? null : (agents.data?.nextCursor ?? null)}
        onPrevious={pages.previous}
        onNext={pages.next}
      />
      <EditAgentDialog agent={editing} onClose={() => setEditing(null)} />
    </>
  );
}
