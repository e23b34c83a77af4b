import { Badge, Group, NativeSelect } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_FILTERS, type SlaFilter, type SlaState } from '../../../shared/contracts/sla.js';
import type { TicketSummary } from '../../../shared/contracts/tickets.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../shared/tickets.js';
import { parseOneOf } from '../one-of.js';

export const PRIORITY_COLORS: Record<TicketPriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const SLA_COLORS: Record<SlaState, string> = {
  none: 'gray',
  ok: 'green',
  at_risk: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'teal',
};

export const parsePriority = (value: string | null) => parseOneOf(TICKET_PRIORITIES, value);
export const parseSlaFilter = (value: string | null) => parseOneOf(SLA_FILTERS, value);

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="outline" radius="sm" size="sm" data-priority={priority}>
      {t(`sla.priority.${priority}`)}
    </Badge>
  );
}

export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={SLA_COLORS[state]}
      variant={state === 'breached' ? 'filled' : 'light'}
      radius="sm"
      size="sm"
      data-sla={state}
    >
      {t(`sla.state.${state}`)}
    </Badge>
  );
}

/** The priority and, when it matters, where the ticket stands against its targets (staff lists). */
export function ServiceCell({ ticket }: { ticket: TicketSummary }) {
  if (!ticket.priority) return null;
  const state = ticket.sla?.state ?? 'none';
  return (
    <Group gap={4} wrap="nowrap">
      <PriorityBadge priority={ticket.priority} />
      {state === 'at_risk' || state === 'breached' || state === 'paused' ? <SlaBadge state={state} /> : null}
    </Group>
  );
}

/** The row accent of a ticket about to breach or breached (a coloured left edge). */
export function slaRowStyle(ticket: TicketSummary) {
  const state = ticket.sla?.state;
  if (state !== 'at_risk' && state !== 'breached') return undefined;
  const color = state === 'breached' ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-yellow-6)';
  return { boxShadow: `inset 4px 0 0 ${color}` };
}

/** Priority and SLA selects above a staff list. */
export function SlaFilters({
  priority,
  sla,
  onChange,
  miw,
}: {
  priority: TicketPriority | undefined;
  sla: SlaFilter | undefined;
  onChange: (patch: { priority?: TicketPriority | undefined; sla?: SlaFilter | undefined }) => void;
  miw?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect
        label={t('sla.priorityFilter')}
        size="sm"
        miw={miw}
        value={priority ?? ''}
        onChange={(event) => onChange({ priority: parsePriority(event.currentTarget.value) })}
      >
        <option value="">{t('sla.priorityAll')}</option>
        {TICKET_PRIORITIES.map((value) => (
          <option key={value} value={value}>
            {t(`sla.priority.${value}`)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        label={t('sla.filter')}
        size="sm"
        miw={miw}
        value={sla ?? ''}
        onChange={(event) => onChange({ sla: parseSlaFilter(event.currentTarget.value) })}
      >
        <option value="">{t('sla.filterAll')}</option>
        <option value="at_risk">{t('sla.state.at_risk')}</option>
        <option value="breached">{t('sla.state.breached')}</option>
      </NativeSelect>
    </>
  );
}

/** A clock that ticks every minute, so "due in …" stays true on a page left open. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
