import { Card, Grid, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/current-user.js';
import { AccountCard } from '../../components/account-card.js';
import { EmptyState } from '../../components/empty-state.js';
import { PageHeader } from '../../components/page-header.js';
import { firstName } from '../first-name.js';

export function AgentDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queueTitle = useId();
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('agent.welcome', { firstName: firstName(user.fullName) })}
        description={t('agent.intro')}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" component="section" aria-labelledby={queueTitle} h="100%">
            <Title order={2} size="h4" id={queueTitle}>
              {t('agent.queueTitle')}
            </Title>
            <EmptyState title={t('agent.queueEmpty')}>{t('agent.queueEmptyBody')}</EmptyState>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AccountCard user={user} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
