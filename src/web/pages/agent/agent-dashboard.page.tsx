import { Card, Group, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TicketFilter } from '../../api/query-keys.js';
import { useTickets } from '../../api/tickets.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { PageHeader } from '../../components/page-header.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { parseStatus, StatusFilter } from '../../components/tickets/status-filter.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { SaveFilterButton } from '../../components/tickets/save-filter-button.js';
import { parseTag, TagFilter } from '../../components/tickets/tag-filter.js';
import { parsePriority, parseSlaFilter, SlaFilters } from '../../components/tickets/sla-badge.js';
import { firstName } from '../../../shared/names.js';

/** "My queue": the tickets assigned to the agent, newest activity first, filtered by status. */
export function AgentDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queueTitle = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  const tag = parseTag(searchParams.get('tag'));
  const priority = parsePriority(searchParams.get('priority'));
  const sla = parseSlaFilter(searchParams.get('sla'));
  /** Changes one filter and keeps the others in the address. */
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  };
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
          <Group gap="sm" align="flex-end" wrap="wrap">
            <StatusFilter miw={200} value={status} onChange={(next) => setFilter('status', next)} />
            <TagFilter miw={180} value={tag} onChange={(next) => setFilter('tag', next)} />
            <SlaFilters
              miw={150}
              priority={priority}
              sla={sla}
              onChange={(patch) => {
                if ('priority' in patch) setFilter('priority', patch.priority);
                if ('sla' in patch) setFilter('sla', patch.sla);
              }}
            />
            <SaveFilterButton search={searchParams} />
          </Group>
        </Group>
        <AssignedTickets
          key={`${status ?? 'all'}:${tag ?? ''}:${priority ?? ''}:${sla ?? ''}`}
          filter={{ status, tag, priority, sla }}
        />
      </Card>
    </Stack>
  );
}

function AssignedTickets({ filter }: { filter: Omit<TicketFilter, 'cursor' | 'limit'> }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useTickets({ ...filter, cursor: pages.cursor });
  const filtered = Object.values(filter).some((value) => value !== undefined);
  return (
    <TicketList
      query={query}
      pager={pages}
      basePath="/agent/tickets"
      columns={['service', 'category', 'customer']}
      empty={
        filtered
          ? { title: t('agent.queueEmpty'), body: t('agent.queueEmptyFiltered') }
          : { title: t('agent.queueEmpty'), body: t('agent.queueEmptyBody') }
      }
    />
  );
}
