import { Button, Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/contracts/agents.js';
import { useAgentAction, useAgents } from '../../api/agents.hooks.js';
import { SkillList } from '../../components/agent-skills.js';
import { EmptyState } from '../../components/empty-state.js';
import { errorText } from '../../components/error-text.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { useFormat } from '../../i18n/format.js';

/** "Requests": people who asked to join as agents, with Accept and Reject. */
export function AdminRequestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useAgents('pending');
  const action = useAgentAction();

  const run = (agent: AgentView, kind: 'accept' | 'reject') =>
    action.mutate(
      { id: agent.id, action: kind },
      {
        onSuccess: () =>
          notifications.show({
            color: kind === 'accept' ? 'green' : 'gray',
            message: t(kind === 'accept' ? 'requests.accepted' : 'requests.rejected', {
              name: agent.fullName,
            }),
          }),
        onError: (error) =>
          notifications.show({ color: 'red', title: t('errors.title'), message: errorText(t, error) }),
      },
    );

  const confirmReject = (agent: AgentView) =>
    modals.openConfirmModal({
      title: t('requests.rejectTitle'),
      centered: true,
      children: <Text size="sm">{t('requests.rejectBody', { name: agent.fullName })}</Text>,
      labels: { confirm: t('requests.reject'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => run(agent, 'reject'),
    });

  return (
    <Stack gap="lg">
      <PageHeader title={t('requests.title')} description={t('requests.intro')} />
      <Card withBorder padding={0}>
        {requests.isError ? (
          <Stack p="lg">
            <QueryErrorAlert
              title={t('requests.loadError')}
              error={requests.error}
              onRetry={() => void requests.refetch()}
            />
          </Stack>
        ) : requests.data?.items.length === 0 ? (
          <EmptyState title={t('requests.empty')}>{t('requests.emptyBody')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-busy={requests.isPending}>
              <VisuallyHidden component="caption">{t('requests.title')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('requests.name')}</Table.Th>
                  <Table.Th scope="col">{t('requests.categories')}</Table.Th>
                  <Table.Th scope="col">{t('requests.languages')}</Table.Th>
                  <Table.Th scope="col">{t('requests.requested')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(requests.data?.items ?? []).map((agent) => (
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
                      <SkillList items={agent.categories.map((category) => category.name)} />
                    </Table.Td>
                    <Table.Td>
                      <SkillList items={agent.languages.map((language) => t(`language.${language}`))} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" component="time" dateTime={agent.createdAt}>
                        {format.date(agent.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          aria-label={t('requests.acceptLabel', { name: agent.fullName })}
                          disabled={action.isPending}
                          onClick={() => run(agent, 'accept')}
                        >
                          {t('requests.accept')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('requests.rejectLabel', { name: agent.fullName })}
                          disabled={action.isPending}
                          onClick={() => confirmReject(agent)}
                        >
                          {t('requests.reject')}
                        </Button>
                      </Group>
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
