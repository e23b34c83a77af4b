import { Anchor, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketSummary } from '../../../shared/contracts/tickets.js';
import { DataTable, PersonCell, SkeletonRows, TimeText } from '../data-table.js';
import { ServiceCell, slaRowStyle } from './sla-badge.js';
import { StatusBadge } from './status-badge.js';
import { TagBadges } from './tag-badges.js';
import { UnreadBadge } from './unread-badge.js';

export type TicketColumn = 'category' | 'customer' | 'agent' | 'created' | 'service';

const SKELETON_ROWS = 4;
const OPTIONAL_COLUMNS: Exclude<TicketColumn, 'service'>[] = ['category', 'customer', 'agent', 'created'];

/** The assigned agent's first name, or "N/A" while nobody has the ticket. */
export function AgentName({ agent }: { agent: TicketSummary['agent'] }) {
  const { t } = useTranslation();
  return agent ? (
    <Text size="sm">{agent.firstName}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('common.notAvailable')}
    </Text>
  );
}

/**
 * Tickets as a table: reference (a link to the ticket), subject, status badge, the optional columns,
 * and the last update. `action` adds a last column (assign, pick up).
 */
export function TicketsTable({
  tickets,
  loading,
  refreshing = false,
  basePath,
  columns,
  action,
  actionLabel,
}: {
  tickets: TicketSummary[] | undefined;
  loading: boolean;
  refreshing?: boolean;
  /** Where a ticket opens: `${basePath}/${reference}`. */
  basePath: string;
  columns: TicketColumn[];
  action?: (ticket: TicketSummary) => ReactNode;
  actionLabel?: string;
}) {
  const { t } = useTranslation();
  const has = (column: TicketColumn) => columns.includes(column);
  const heads = [
    t('tickets.reference'),
    t('tickets.subject'),
    t('tickets.status'),
    ...(has('service') ? [t('sla.column')] : []),
    ...OPTIONAL_COLUMNS.filter(has).map((column) => t(`tickets.${column}`)),
    t('tickets.lastUpdate'),
    ...(action ? [actionLabel ?? t('common.actions')] : []),
  ];
  return (
    <DataTable
      caption={t('tickets.caption')}
      columns={heads}
      minWidth={action ? 860 : 680}
      busy={loading}
      refreshing={refreshing}
      highlightOnHover
    >
      {loading || !tickets ? (
        <SkeletonRows rows={SKELETON_ROWS} cells={heads.map(() => ({ width: '70%' }))} />
      ) : (
        tickets.map((ticket) => (
          <Table.Tr
            key={ticket.id}
            data-ticket={ticket.reference}
            data-sla={ticket.sla?.state}
            style={slaRowStyle(ticket)}
          >
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Anchor
                  component={Link}
                  to={`${basePath}/${ticket.reference}`}
                  size="sm"
                  fw={600}
                  ff="monospace"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {ticket.reference}
                </Anchor>
                <UnreadBadge count={ticket.unreadCount} />
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {ticket.subject}
              </Text>
              <TagBadges tags={ticket.tags} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={ticket.status} size="sm" />
            </Table.Td>
            {has('service') ? (
              <Table.Td data-column="service">
                <ServiceCell ticket={ticket} />
              </Table.Td>
            ) : null}
            {has('category') ? (
              <Table.Td>
                <Text size="sm">{ticket.category.name}</Text>
              </Table.Td>
            ) : null}
            {has('customer') ? (
              <PersonCell name={ticket.customer.fullName} email={ticket.customer.email} bold={false} />
            ) : null}
            {has('agent') ? (
              <Table.Td data-column="agent">
                <AgentName agent={ticket.agent} />
              </Table.Td>
            ) : null}
            {has('created') ? (
              <Table.Td>
                <TimeText value={ticket.createdAt} />
              </Table.Td>
            ) : null}
            <Table.Td>
              <TimeText value={ticket.updatedAt} withTime />
            </Table.Td>
            {action ? <Table.Td>{action(ticket)}</Table.Td> : null}
          </Table.Tr>
        ))
      )}
    </DataTable>
  );
}
