import { Anchor, Button, Card, Grid, Group, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTickets } from '../../api/tickets.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { AccountCard } from '../../components/account-card.js';
import { PageHeader } from '../../components/page-header.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { firstName } from '../../../shared/names.js';

const RECENT_COUNT = 5;

export function CustomerDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const ticketsTitle = useId();
  const recent = useTickets({ limit: RECENT_COUNT });
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('customer.welcome', { firstName: firstName(user.fullName) })}
        description={t('customer.intro')}
        actions={
          <Button component={Link} to="/customer/tickets/new">
            {t('nav.newTicket')}
          </Button>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Card withBorder padding={0} component="section" aria-labelledby={ticketsTitle} h="100%">
            <Group justify="space-between" px="lg" py="md" wrap="wrap" gap="xs">
              <Title order={2} size="h4" id={ticketsTitle}>
                {t('customer.recentTitle')}
              </Title>
              <Anchor component={Link} to="/customer/tickets" size="sm" fw={500}>
                {t('customer.viewAll')}
              </Anchor>
            </Group>
            <TicketList
              query={recent}
              basePath="/customer/tickets"
              columns={['agent']}
              empty={{ title: t('tickets.empty'), body: t('tickets.emptyBody') }}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <AccountCard user={user} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
