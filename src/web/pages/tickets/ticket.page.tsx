import { Anchor, Grid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useTicket } from '../../api/tickets.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { StatusBadge } from '../../components/tickets/status-badge.js';
import { TicketConversation } from './ticket-conversation.js';
import { TicketProperties } from './ticket-properties.js';
import { TICKET_BASE } from './ticket-role.js';

/** One ticket for any role: the conversation in the middle, its properties on the side. */
export function TicketPage({ backTo }: { backTo?: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { reference = '' } = useParams();
  const ticket = useTicket(reference);
  const back = (
    <Anchor component={Link} to={backTo ?? TICKET_BASE[user.role]} size="sm">
      ← {t('ticket.back')}
    </Anchor>
  );

  if (ticket.isError) {
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={reference} />
        <QueryErrorAlert
          title={t('ticket.loadError')}
          error={ticket.error}
          onRetry={() => void ticket.refetch()}
        />
      </Stack>
    );
  }
  if (ticket.isPending) {
    return (
      <Stack gap="md" aria-busy>
        {back}
        <Skeleton height={32} width="50%" />
        <Skeleton height={240} />
      </Stack>
    );
  }

  const data = ticket.data;
  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={data.subject}
        description={data.reference}
        actions={<StatusBadge status={data.status} size="lg" />}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <TicketConversation ticket={data} ticketKey={reference} user={user} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TicketProperties
            ticket={data}
            ticketKey={reference}
            role={user.role}
            onChanged={() => void ticket.refetch()}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
