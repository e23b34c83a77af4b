import { Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/contracts/auth.js';
import { RoleBadge } from '../../components/role-badge.js';
import { useFormat } from '../../i18n/format.js';

const SKELETON_ROWS = 5;

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
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing="lg"
        highlightOnHover
        aria-busy={loading || refreshing}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <VisuallyHidden component="caption">{t('admin.accounts.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('admin.accounts.name')}</Table.Th>
            <Table.Th scope="col">{t('admin.accounts.email')}</Table.Th>
            <Table.Th scope="col">{t('admin.accounts.role')}</Table.Th>
            <Table.Th scope="col">{t('admin.accounts.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading || !users
            ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <Table.Tr key={index} aria-hidden>
                  <Table.Td>
                    <Skeleton height={14} width="70%" />
                  </Table.Td>
                  <Table.Td>
                    <Skeleton height={14} width="80%" />
                  </Table.Td>
                  <Table.Td>
                    <Skeleton height={18} width={70} radius="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Skeleton height={14} width={90} />
                  </Table.Td>
                </Table.Tr>
              ))
            : users.map((user) => (
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
                    <Text size="sm" component="time" dateTime={user.createdAt}>
                      {format.date(user.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
