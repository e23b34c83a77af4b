import { Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../shared/roles.js';
import { useAdminUsers } from '../../api/admin.hooks.js';
import { EmptyState } from '../../components/empty-state.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { AccountsTable } from './accounts-table.js';
import classes from './admin.module.css';

export const ACCOUNTS_PAGE_SIZE = 20;

const parseRole = (value: string | null): Role | undefined =>
  (ROLES as readonly string[]).includes(value ?? '') ? (value as Role) : undefined;

/** All accounts, newest first, filtered by role (kept in the address, so it can be shared). */
export function AdminAccountsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const role = parseRole(searchParams.get('role'));

  const filterOptions = [
    { value: 'all', label: t('admin.accounts.all') },
    { value: 'customer', label: t('admin.accounts.customers') },
    { value: 'agent', label: t('admin.accounts.agents') },
    { value: 'admin', label: t('admin.accounts.admins') },
  ];

  return (
    <Stack gap="lg">
      <PageHeader title={t('admin.accounts.title')} description={t('admin.accounts.intro')} />
      <Card withBorder padding={0}>
        <Group px={{ base: 'md', sm: 'lg' }} py="md">
          <fieldset className={classes.filter}>
            <legend className={classes.legend}>{t('admin.accounts.roleFilter')}</legend>
            <div className={classes.filterOptions}>
              <SegmentedControl
                data={filterOptions}
                value={role ?? 'all'}
                onChange={(value) =>
                  setSearchParams(value === 'all' ? {} : { role: value }, { replace: true })
                }
              />
            </div>
          </fieldset>
        </Group>
        {/* A new filter starts again from the first page. */}
        <AccountPages key={role ?? 'all'} role={role} />
      </Card>
    </Stack>
  );
}

/** Keyset pages: "Next" follows nextCursor; "Previous" pops the stack of cursors already visited. */
function AccountPages({ role }: { role: Role | undefined }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useAdminUsers({ role, cursor, limit: ACCOUNTS_PAGE_SIZE });
  const nextCursor = page.isPlaceholderData ? null : (page.data?.nextCursor ?? null);

  if (page.isError) {
    return (
      <Stack px="lg" pb="lg">
        <QueryErrorAlert
          title={t('admin.accounts.loadError')}
          error={page.error}
          onRetry={() => void page.refetch()}
        />
      </Stack>
    );
  }

  if (page.data && page.data.items.length === 0 && !page.isPlaceholderData) {
    return (
      <EmptyState title={t('admin.accounts.empty')}>
        {role ? t('admin.accounts.emptyFiltered') : t('admin.accounts.emptyAll')}
      </EmptyState>
    );
  }

  return (
    <>
      <AccountsTable users={page.data?.items} loading={page.isPending} refreshing={page.isPlaceholderData} />
      <Group
        component="nav"
        aria-label={t('admin.accounts.pagination')}
        justify="space-between"
        px="lg"
        py="md"
        wrap="nowrap"
      >
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('admin.accounts.page', { page: cursors.length })}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            size="sm"
            disabled={cursors.length === 1}
            onClick={() => setCursors((stack) => stack.slice(0, -1))}
          >
            {t('admin.accounts.previous')}
          </Button>
          <Button
            variant="default"
            size="sm"
            disabled={!nextCursor}
            onClick={() => {
              if (nextCursor) setCursors((stack) => [...stack, nextCursor]);
            }}
          >
            {t('admin.accounts.next')}
          </Button>
        </Group>
      </Group>
    </>
  );
}
