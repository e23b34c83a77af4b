import { NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import { TICKET_PRIORITIES } from '../../../shared/tickets.js';
import { useChangePriority } from '../../api/tickets.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { parsePriority, SlaBadge, useMinuteClock } from '../../components/tickets/sla-badge.js';
import { useFormat } from '../../i18n/format.js';

const MINUTE = 60_000;

/** "2 h 10 min", "3 d 4 h", "15 min": rounded to whole minutes. */
export function formatDuration(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days > 0) return t('sla.durationDays', { d: days, h: hours });
  if (hours > 0) return t('sla.durationHours', { h: hours, m: rest });
  return t('sla.durationMinutes', { m: rest });
}

/** "due in 2 h 10 min" or "overdue by 15 min", from the clock's current minute. */
export function remainingText(t: TFunction, dueAt: string, now: number): string {
  const left = new Date(dueAt).getTime() - now;
  return left >= 0
    ? t('sla.dueIn', { time: formatDuration(t, left) })
    : t('sla.overdueBy', { time: formatDuration(t, -left) });
}

function DueLine({
  label,
  dueAt,
  doneAt,
  pausedMs,
  now,
}: {
  label: string;
  dueAt: string | null;
  doneAt?: string | null;
  pausedMs?: number | null;
  now: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  let detail: string;
  if (doneAt) detail = t('sla.doneAt', { time: format.dateTime(doneAt) });
  else if (pausedMs !== null && pausedMs !== undefined)
    detail = t('sla.pausedLeft', { time: formatDuration(t, pausedMs) });
  else if (dueAt) detail = `${format.dateTime(dueAt)} · ${remainingText(t, dueAt, now)}`;
  else detail = t('sla.noTarget');
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text
        size="sm"
        c={!doneAt && dueAt && new Date(dueAt).getTime() < now ? 'red' : undefined}
        data-due={label}
      >
        {detail}
      </Text>
    </div>
  );
}

/** Staff only: the priority select and the due times with the time left, updated every minute. */
export function TicketSla({
  ticket,
  ticketKey,
  canChange,
}: {
  ticket: TicketDetail;
  ticketKey: string;
  canChange: boolean;
}) {
  const { t } = useTranslation();
  const now = useMinuteClock();
  const change = useChangePriority(ticketKey);
  if (!ticket.priority || !ticket.sla) return null;
  const sla = ticket.sla;
  const closed = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('sla.priorityLabel')}
        size="sm"
        value={ticket.priority}
        disabled={!canChange || change.isPending}
        onChange={(event) => {
          const priority = parsePriority(event.currentTarget.value);
          if (!priority) return;
          change.mutate(
            { priority, version: ticket.version },
            {
              onSuccess: () =>
                notifications.show({
                  color: 'green',
                  message: t('sla.priorityChanged', { priority: t(`sla.priority.${priority}`) }),
                }),
              onError: (error) => showErrorToast(t, error),
            },
          );
        }}
      >
        {TICKET_PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {t(`sla.priority.${priority}`)}
          </option>
        ))}
      </NativeSelect>
      <div>
        <SlaBadge state={sla.state} />
      </div>
      <DueLine
        label={t('sla.firstResponseDue')}
        dueAt={sla.firstResponseDueAt}
        doneAt={sla.firstResponseAt}
        now={now}
      />
      <DueLine
        label={t('sla.resolutionDue')}
        dueAt={sla.resolutionDueAt}
        doneAt={closed ? ticket.resolvedAt : null}
        pausedMs={sla.resolutionPausedRemainingMs}
        now={now}
      />
    </Stack>
  );
}
