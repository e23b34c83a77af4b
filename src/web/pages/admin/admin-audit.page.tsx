import { Anchor, Button, Divider, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_GROUPS, type AuditEntryView } from '../../../shared/contracts/audit.js';
import { DataTable, SkeletonRows, TimeText } from '../../components/data-table.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import {
  auditExportUrl,
  auditFiltersFrom,
  auditFiltersToSearch,
  useAuditLog,
  type AuditFilters,
} from './admin-audit.hooks.js';
import { actionText, detailsText } from './admin-audit.format.js';
import filterClasses from './ticket-filters.module.css';

type Group = 'agent' | 'ticket' | 'category' | 'sla' | 'security' | 'staff';
const groupOf = (prefix: string) => prefix.slice(0, -1) as Group;

/** `/admin/audit`: who did what and when, newest first, searchable and exported as CSV. */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = auditFiltersFrom(searchParams);
  return (
    <ListPage
      title={t('audit.title')}
      description={t('audit.intro')}
      actions={
        <Button component="a" href={auditExportUrl(filters)} download variant="default">
          {t('audit.export')}
        </Button>
      }
    >
      <Stack p={{ base: 'md', sm: 'lg' }}>
        <AuditFilterForm
          filters={filters}
          onChange={(next) => setSearchParams(auditFiltersToSearch(next), { replace: true })}
        />
      </Stack>
      <Divider />
      {/* New filters start again from the first page. */}
      <AuditPages key={JSON.stringify(filters)} filters={filters} />
    </ListPage>
  );
}

function AuditFilterForm({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const [who, setWho] = useState(filters.actor ?? '');
  useEffect(() => setWho(filters.actor ?? ''), [filters.actor]);
  const set = (patch: Partial<AuditFilters>) => {
    const next: AuditFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof AuditFilters)[]) if (!next[key]) delete next[key];
    onChange(next);
  };
  const applyWho = () => set({ actor: who.trim() || undefined });
  return (
    <form
      role="search"
      aria-label={t('audit.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        applyWho();
      }}
    >
      <div className={filterClasses.grid}>
        <TextInput
          type="search"
          label={t('audit.who')}
          placeholder={t('audit.whoPlaceholder')}
          value={who}
          maxLength={200}
          onChange={(event) => setWho(event.currentTarget.value)}
          onBlur={applyWho}
        />
        <NativeSelect
          label={t('audit.action')}
          value={filters.action ?? ''}
          onChange={(event) => set({ action: event.currentTarget.value || undefined })}
        >
          <option value="">{t('audit.anyAction')}</option>
          {AUDIT_GROUPS.map((prefix) => (
            <optgroup key={prefix} label={t(`audit.groups.${groupOf(prefix)}`)}>
              <option value={prefix}>{t(`audit.groupAll.${groupOf(prefix)}`)}</option>
              {AUDIT_ACTIONS.filter((action) => action.startsWith(prefix)).map((action) => (
                <option key={action} value={action}>
                  {actionText(t, action)}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('audit.from')}
          value={filters.from ?? ''}
          onChange={(event) => set({ from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={filters.to ?? ''}
          onChange={(event) => set({ to: event.currentTarget.value || undefined })}
        />
      </div>
      <Group justify="flex-end" mt="sm">
        <Button
          variant="subtle"
          size="xs"
          onClick={() => {
            setWho('');
            onChange({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}

function AuditPages({ filters }: { filters: AuditFilters }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const page = useAuditLog(filters, pages.cursor);
  const filtered = Object.keys(filters).length > 0;
  return (
    <QueryStates
      query={page}
      errorTitle={t('audit.loadError')}
      isEmpty={noItems}
      empty={{
        title: filtered ? t('audit.emptyFiltered') : t('audit.empty'),
        body: filtered ? t('audit.emptyFilteredBody') : t('audit.emptyBody'),
      }}
    >
      <AuditTable items={page.data?.items} loading={page.isPending} refreshing={page.isPlaceholderData} />
      <Pager label={t('audit.pagination')} pages={pages} query={page} />
    </QueryStates>
  );
}

const SKELETON_CELLS = [{ width: 110 }, { width: '80%' }, { width: 120 }, { width: 90 }, { width: '90%' }];

function AuditTable({
  items,
  loading,
  refreshing,
}: {
  items: AuditEntryView[] | undefined;
  loading: boolean;
  refreshing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t('audit.caption')}
      columns={[t('audit.when'), t('audit.who'), t('audit.action'), t('audit.target'), t('audit.details')]}
      minWidth={900}
      busy={loading}
      refreshing={refreshing}
    >
      {loading || !items ? (
        <SkeletonRows rows={5} cells={SKELETON_CELLS} />
      ) : (
        items.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>
              <TimeText value={entry.createdAt} withTime />
            </Table.Td>
            <Table.Td>
              <Actor entry={entry} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {actionText(t, entry.action)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Target entry={entry} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {detailsText(t, entry)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))
      )}
    </DataTable>
  );
}

function Actor({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const name =
    entry.actor?.name ?? (entry.details.automatic === true ? t('audit.system') : t('audit.nobody'));
  const email = entry.actorEmail ?? entry.actor?.email;
  return (
    <>
      <Text size="sm" fw={entry.actor ? 500 : undefined} c={entry.actor ? undefined : 'dimmed'}>
        {name}
      </Text>
      {email ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {email}
        </Text>
      ) : null}
      {entry.ip ? (
        <Text size="xs" c="dimmed">
          {t('audit.ipLine', { ip: entry.ip })}
        </Text>
      ) : null}
    </>
  );
}

function Target({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const label = entry.targetLabel ?? entry.targetId;
  if (!label)
    return (
      <Text size="sm" c="dimmed">
        {t('audit.nothing')}
      </Text>
    );
  if (entry.targetType === 'ticket' && entry.targetLabel) {
    return (
      <Anchor component={Link} to={`/admin/tickets/${encodeURIComponent(entry.targetLabel)}`} size="sm">
        {entry.targetLabel}
      </Anchor>
    );
  }
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {label}
    </Text>
  );
}
