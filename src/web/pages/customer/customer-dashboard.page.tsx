import { Card, Grid, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/current-user.js';
import { AccountCard } from '../../components/account-card.js';
import { EmptyState } from '../../components/empty-state.js';
import { PageHeader } from '../../components/page-header.js';
import { firstName } from '../first-name.js';

export function CustomerDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const ticketsTitle = useId();
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('customer.welcome', { firstName: firstName(user.fullName) })}
        description={t('customer.intro')}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Card withBorder padding="lg" component="section" aria-labelledby={ticketsTitle} h="100%">
            <Title order={2} size="h4" id={ticketsTitle}>
              {t('customer.ticketsTitle')}
            </Title>
            <EmptyState title={t('customer.noTickets')}>{t('customer.noTicketsBody')}</EmptyState>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <AccountCard user={user} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
