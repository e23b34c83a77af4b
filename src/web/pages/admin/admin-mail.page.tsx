import { Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_STATUSES, type MailItem, type MailStatus } from '../../../shared/contracts/mail.js';
import { useMailLog } from '../../api/mail.hooks.js';
import { DataTable, SkeletonRows, TimeText } from '../../components/data-table.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { useFormat } from '../../i18n/format.js';
import classes from './admin.module.css';
import { MailDetailDrawer } from './mail-detail.js';
import { MailStatusBadge } from './mail-status-badge.js';
import { SegmentedFilter, useParamFilter } from './segmented-filter.js';

const SKELETON_CELLS = [
  { width: '80%' },
  { width: '90%' },
  { width: 80 },
  { height: 18, width: 60, radius: 'sm' as const },
  { width: 20 },
  { width: 100 },
  { width: 100 },
];

/** `/admin/mail`: every email the helpdesk sent or will send, newest first, filtered by status. */
export function AdminMailPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useParamFilter('status', MAIL_STATUSES);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <ListPage
      title={t('mailLog.title')}
      description={t('mailLog.intro')}
      below={<MailDetailDrawer id={openId} onClose={() => setOpenId(null)} />}
    >
      <SegmentedFilter
        legend={t('mailLog.statusFilter')}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('mailLog.all') },
          ...MAIL_STATUSES.map((value) => ({ value, label: t(`mailLog.statuses.${value}`) })),
        ]}
      />
      {/* A new filter starts again from the first page. */}
      <MailPages key={status ?? 'all'} status={status} onOpen={setOpenId} />
    </ListPage>
  );
}

function MailPages({ status, onOpen }: { status: MailStatus | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const page = useMailLog(status, pages.cursor);
  return (
    <QueryStates
      query={page}
      errorTitle={t('mailLog.loadError')}
      isEmpty={noItems}
      empty={{
        title: status ? t('mailLog.emptyFiltered') : t('mailLog.empty'),
        body: status ? t('mailLog.emptyFilteredBody') : t('mailLog.emptyBody'),
      }}
    >
      <MailTable
        items={page.data?.items}
        loading={page.isPending}
        refreshing={page.isPlaceholderData}
        onOpen={onOpen}
      />
      <Pager label={t('mailLog.pagination')} pages={pages} query={page} alwaysShown />
    </QueryStates>
  );
}

function MailTable({
  items,
  loading,
  refreshing,
  onOpen,
}: {
  items: MailItem[] | undefined;
  loading: boolean;
  refreshing: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      caption={t('mailLog.caption')}
      columns={[
        t('mailLog.to'),
        t('mailLog.subject'),
        t('mailLog.kind'),
        t('mailLog.status'),
        { label: t('mailLog.attempts'), end: true },
        t('mailLog.created'),
        t('mailLog.sent'),
      ]}
      minWidth={860}
      busy={loading}
      refreshing={refreshing}
      highlightOnHover
    >
      {loading || !items ? (
        <SkeletonRows rows={5} cells={SKELETON_CELLS} />
      ) : (
        items.map((mail) => (
          // The whole row opens the email; the subject is its keyboard-reachable button.
          <Table.Tr key={mail.id} onClick={() => onOpen(mail.id)} style={{ cursor: 'pointer' }}>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {mail.to}
              </Text>
            </Table.Td>
            <Table.Td>
              <UnstyledButton
                className={classes.rowButton}
                onClick={(event) => {
                  event.stopPropagation();
                  onOpen(mail.id);
                }}
              >
                {mail.writtenWhenSent ? (
                  <Text size="sm" c="dimmed" fs="italic" component="span">
                    {t('mailLog.writtenWhenSent')}
                  </Text>
                ) : (
                  <Text size="sm" fw={500} component="span">
                    {mail.subject}
                  </Text>
                )}
              </UnstyledButton>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {mail.kind}
              </Text>
            </Table.Td>
            <Table.Td>
              <MailStatusBadge status={mail.status} />
              {mail.status === 'failed' && mail.lastError ? (
                <Text size="xs" c="red" mt={4} style={{ overflowWrap: 'anywhere' }} lineClamp={2}>
                  {mail.lastError}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td ta="end">
              <Text size="sm">{format.number(mail.attempts)}</Text>
            </Table.Td>
            <Table.Td>
              <TimeText value={mail.createdAt} withTime />
            </Table.Td>
            <Table.Td>
              {mail.sentAt ? (
                <TimeText value={mail.sentAt} withTime />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('common.notAvailable')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))
      )}
    </DataTable>
  );
}
