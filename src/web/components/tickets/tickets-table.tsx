import { Anchor, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketSummary } from '../../../shared/contracts/tickets.js';
import { useFormat } from '../../i18n/format.js';
import { StatusBadge } from './status-badge.js';

export type TicketColumn = 'category' | 'customer' | 'agent' | 'created';

const SKELETON_ROWS = 4;

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
  const format = useFormat();
  const has = (column: TicketColumn) => columns.includes(column);
  const columnCount = 4 + columns.length + (action ? 1 : 0);
  return (
    <Table.ScrollContainer minWidth={action ? 860 : 680}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover
        aria-busy={loading || refreshing}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <VisuallyHidden component="caption">{t('tickets.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tickets.reference')}</Table.Th>
            <Table.Th scope="col">{t('tickets.subject')}</Table.Th>
            <Table.Th scope="col">{t('tickets.status')}</Table.Th>
            {has('category') ? <Table.Th scope="col">{t('tickets.category')}</Table.Th> : null}
            {has('customer') ? <Table.Th scope="col">{t('tickets.customer')}</Table.Th> : null}
            {has('agent') ? <Table.Th scope="col">{t('tickets.agent')}</Table.Th> : null}
            {has('created') ? <Table.Th scope="col">{t('tickets.created')}</Table.Th> : null}
            <Table.Th scope="col">{t('tickets.lastUpdate')}</Table.Th>
            {action ? <Table.Th scope="col">{actionLabel ?? t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading || !tickets
            ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <Table.Tr key={index} aria-hidden>
                  {Array.from({ length: columnCount }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton height={14} width="70%" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : tickets.map((ticket) => (
                <Table.Tr key={ticket.id} data-ticket={ticket.reference}>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {ticket.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={ticket.status} size="sm" />
                  </Table.Td>
                  {has('category') ? (
                    <Table.Td>
                      <Text size="sm">{ticket.category.name}</Text>
                    </Table.Td>
                  ) : null}
                  {has('customer') ? (
                    <Table.Td>
                      <Text size="sm">{ticket.customer.fullName}</Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {ticket.customer.email}
                      </Text>
                    </Table.Td>
                  ) : null}
                  {has('agent') ? (
                    <Table.Td data-column="agent">
                      <AgentName agent={ticket.agent} />
                    </Table.Td>
                  ) : null}
                  {has('created') ? (
                    <Table.Td>
                      <Text size="sm" component="time" dateTime={ticket.createdAt}>
                        {format.date(ticket.createdAt)}
                      </Text>
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    <Text size="sm" component="time" dateTime={ticket.updatedAt}>
                      {format.dateTime(ticket.updatedAt)}
                    </Text>
                  </Table.Td>
                  {action ? <Table.Td>{action(ticket)}</Table.Td> : null}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
