import { Card, Group, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TicketStatus } from '../../../shared/tickets.js';
import { useTickets } from '../../api/tickets.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { PageHeader } from '../../components/page-header.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { parseStatus, StatusFilter } from '../../components/tickets/status-filter.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { firstName } from '../../../shared/names.js';

/** "My queue": the tickets assigned to the agent, newest activity first, filtered by status. */
export function AgentDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queueTitle = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('agent.welcome', { firstName: firstName(user.fullName) })}
        description={t('agent.intro')}
      />
      <Card withBorder padding={0} component="section" aria-labelledby={queueTitle}>
        <Group justify="space-between" align="flex-end" px="lg" py="md" wrap="wrap" gap="sm">
          <Title order={2} size="h4" id={queueTitle}>
            {t('agent.queueTitle')}
          </Title>
          <StatusFilter
            miw={200}
            value={status}
            onChange={(next) => setSearchParams(next ? { status: next } : {}, { replace: true })}
          />
        </Group>
        <AssignedTickets key={status ?? 'all'} status={status} />
      </Card>
    </Stack>
  );
}

function AssignedTickets({ status }: { status: TicketStatus | undefined }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useTickets({ status, cursor: pages.cursor });
  return (
    <TicketList
      query={query}
      pager={pages}
      basePath="/agent/tickets"
      columns={['category', 'customer']}
      empty={
        status
          ? { title: t('agent.queueEmpty'), body: t('agent.queueEmptyFiltered') }
          : { title: t('agent.queueEmpty'), body: t('agent.queueEmptyBody') }
      }
    />
  );
}
