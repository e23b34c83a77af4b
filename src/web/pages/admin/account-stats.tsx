import { Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../../../shared/roles.js';
import { useAdminOverview } from '../../api/admin.hooks.js';
import { UsersIcon } from '../../components/icons.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { ROLE_COLORS } from '../../components/role-badge.js';
import { useFormat } from '../../i18n/format.js';
import classes from './admin.module.css';

const STATS: { role: Role; label: 'customers' | 'agents' | 'admins' }[] = [
  { role: 'customer', label: 'customers' },
  { role: 'agent', label: 'agents' },
  { role: 'admin', label: 'admins' },
];

/** One card per role with its number of accounts; each opens the account list filtered to that role. */
export function AccountStats() {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useAdminOverview();

  if (overview.isError) {
    return (
      <QueryErrorAlert
        title={t('admin.dashboard.overviewError')}
        error={overview.error}
        onRetry={() => void overview.refetch()}
      />
    );
  }

  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
      {STATS.map(({ role, label }) => (
        <Card
          key={role}
          withBorder
          padding="lg"
          component={Link}
          to={`/admin/accounts?role=${role}`}
          className={classes.statCard}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" c="dimmed" fw={500}>
                {t(`admin.dashboard.${label}`)}
              </Text>
              {overview.data ? (
                <Text fz={32} fw={700} lh={1.2}>
                  {format.number(overview.data.accounts[role])}
                </Text>
              ) : (
                <Skeleton height={32} width={60} mt={4} aria-hidden />
              )}
            </div>
            <ThemeIcon variant="light" color={ROLE_COLORS[role]} size={40} radius="md" aria-hidden>
              <UsersIcon size={22} />
            </ThemeIcon>
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
