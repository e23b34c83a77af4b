import { Anchor, Card, Group, Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdminUsers } from '../../api/admin.hooks.js';
import { EmptyState } from '../../components/empty-state.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { AccountStats } from './account-stats.js';
import { AccountsTable } from './accounts-table.js';

const NEWEST_COUNT = 5;

export function AdminDashboardPage() {
  const { t } = useTranslation();
  const statsTitle = useId();
  const newestTitle = useId();
  const newest = useAdminUsers({ limit: NEWEST_COUNT });

  return (
    <Stack gap="xl">
      <PageHeader title={t('admin.dashboard.title')} description={t('admin.dashboard.intro')} />
      <Stack component="section" aria-labelledby={statsTitle} gap="sm">
        <Title order={2} size="h4" id={statsTitle}>
          {t('admin.dashboard.statsTitle')}
        </Title>
        <AccountStats />
      </Stack>
      <Card withBorder padding={0} component="section" aria-labelledby={newestTitle}>
        <Group justify="space-between" px="lg" py="md" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={newestTitle}>
            {t('admin.dashboard.newestTitle')}
          </Title>
          <Anchor component={Link} to="/admin/accounts" size="sm" fw={500}>
            {t('admin.dashboard.viewAll')}
          </Anchor>
        </Group>
        {newest.isError ? (
          <Stack px="lg" pb="lg">
            <QueryErrorAlert
              title={t('admin.accounts.loadError')}
              error={newest.error}
              onRetry={() => void newest.refetch()}
            />
          </Stack>
        ) : newest.data?.items.length === 0 ? (
          <EmptyState title={t('admin.accounts.empty')}>{t('admin.accounts.emptyAll')}</EmptyState>
        ) : (
          <AccountsTable users={newest.data?.items} loading={newest.isPending} />
        )}
      </Card>
    </Stack>
  );
}
