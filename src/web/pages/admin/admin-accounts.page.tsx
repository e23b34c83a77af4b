import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles.js';
import { useAdminUsers } from '../../api/admin.hooks.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { AccountsTable } from './accounts-table.js';
import { SegmentedFilter, useParamFilter } from './segmented-filter.js';

export const ACCOUNTS_PAGE_SIZE = 20;

/** All accounts, newest first, filtered by role (kept in the address, so it can be shared). */
export function AdminAccountsPage() {
  const { t } = useTranslation();
  const [role, setRole] = useParamFilter('role', ROLES);
  return (
    <ListPage title={t('admin.accounts.title')} description={t('admin.accounts.intro')}>
      <SegmentedFilter
        legend={t('admin.accounts.roleFilter')}
        value={role}
        onChange={setRole}
        options={[
          { value: 'all', label: t('admin.accounts.all') },
          { value: 'customer', label: t('admin.accounts.customers') },
          { value: 'agent', label: t('admin.accounts.agents') },
          { value: 'admin', label: t('admin.accounts.admins') },
        ]}
      />
      {/* A new filter starts again from the first page. */}
      <AccountPages key={role ?? 'all'} role={role} />
    </ListPage>
  );
}

/** Keyset pages: "Next" follows nextCursor; "Previous" pops the stack of cursors already visited. */
function AccountPages({ role }: { role: Role | undefined }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const page = useAdminUsers({ role, cursor: pages.cursor, limit: ACCOUNTS_PAGE_SIZE });
  return (
    <QueryStates
      query={page}
      errorTitle={t('admin.accounts.loadError')}
      isEmpty={noItems}
      empty={{
        title: t('admin.accounts.empty'),
        body: role ? t('admin.accounts.emptyFiltered') : t('admin.accounts.emptyAll'),
      }}
    >
      <AccountsTable users={page.data?.items} loading={page.isPending} refreshing={page.isPlaceholderData} />
      <Pager label={t('admin.accounts.pagination')} pages={pages} query={page} alwaysShown />
    </QueryStates>
  );
}
