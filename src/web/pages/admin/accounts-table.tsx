import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/contracts/auth.js';
import { DataTable, SkeletonRows, TimeText } from '../../components/data-table.js';
import { RoleBadge } from '../../components/role-badge.js';

/** The table's column headings, as catalogue keys. */
const COLUMNS = [
  'admin.accounts.name',
  'admin.accounts.email',
  'admin.accounts.role',
  'admin.accounts.created',
] as const;

const SKELETON_ROWS = 5;
const SKELETON_CELLS = [
  { width: '70%' },
  { width: '80%' },
  { height: 18, width: 70, radius: 'sm' },
  { width: 90 },
] as const;

/**
 * Accounts as a table: name, email, role badge, created date (scrolls sideways on phones). While the first page loads it shows
 * skeleton rows; while another page loads the current rows stay, dimmed and marked busy.
 */
export function AccountsTable({
  users,
  loading,
  refreshing = false,
}: {
  users: UserView[] | undefined;
  loading: boolean;
  refreshing?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t('admin.accounts.caption')}
      columns={COLUMNS.map((key) => t(key))}
      minWidth={600}
      busy={loading}
      refreshing={refreshing}
      highlightOnHover
      horizontalSpacing="lg"
    >
      {loading || !users ? (
        <SkeletonRows rows={SKELETON_ROWS} cells={[...SKELETON_CELLS]} />
      ) : (
        users.map((user) => (
          <Table.Tr key={user.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {user.fullName}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {user.email}
              </Text>
            </Table.Td>
            <Table.Td>
              <RoleBadge role={user.role} />
            </Table.Td>
            <Table.Td>
              <TimeText value={user.createdAt} />
            </Table.Td>
          </Table.Tr>
        ))
      )}
    </DataTable>
  );
}
