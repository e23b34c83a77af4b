import { NativeSelect, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/contracts/agents.js';
import type { TicketSummary } from '../../../shared/contracts/tickets.js';
import { useActiveAgents } from '../../api/agents.hooks.js';
import { isApiError } from '../../api/client.js';
import { useAssignTicket } from '../../api/tickets.hooks.js';
import { errorText } from '../../components/error-text.js';

/** Agents who handle the ticket's category first, then everyone else who is active. */
export function groupAgents(agents: AgentView[], categoryId: string) {
  const handles = (agent: AgentView) => agent.categories.some((category) => category.id === categoryId);
  return { matching: agents.filter(handles), others: agents.filter((agent) => !handles(agent)) };
}

/**
 * An agent drop-down for one ticket. Choosing someone asks for confirmation in a dialog; on OK the
 * ticket is assigned (or reassigned) and every ticket list refreshes without reloading the page.
 */
export function AssignAgent({
  ticket,
  label,
  compact = false,
  onAssigned,
}: {
  ticket: Pick<TicketSummary, 'id' | 'reference' | 'version' | 'agent' | 'category'>;
  label: string;
  compact?: boolean;
  onAssigned?: () => void;
}) {
  const { t } = useTranslation();
  const agents = useActiveAgents();
  const assign = useAssignTicket();
  const [choice, setChoice] = useState<string | null>(null);
  const current = ticket.agent?.id ?? '';
  const { matching, others } = groupAgents(agents.data ?? [], ticket.category.id);

  const confirm = (agentId: string) => {
    const agent = agents.data?.find((candidate) => candidate.id === agentId);
    if (!agent) return;
    setChoice(agentId);
    modals.openConfirmModal({
      title: t('assign.confirmTitle'),
      centered: true,
      children: (
        <>
          <Text size="sm">{t('assign.confirmBody')}</Text>
          <Text size="sm" c="dimmed" mt="xs">
            {t('assign.confirmDetail', { agent: agent.fullName, reference: ticket.reference })}
          </Text>
        </>
      ),
      labels: { confirm: t('common.ok'), cancel: t('common.cancel') },
      // Cancel, Escape or the close button: the drop-down shows the current agent again.
      onClose: () => setChoice(null),
      onConfirm: () =>
        assign.mutate(
          { ticket: ticket.id, agentId, version: ticket.version },
          {
            onSuccess: () => {
              notifications.show({
                color: 'green',
                message: t('assign.assigned', { reference: ticket.reference, agent: agent.fullName }),
              });
              onAssigned?.();
            },
            onError: (error) => {
              notifications.show({ color: 'red', title: t('assign.failed'), message: errorText(t, error) });
              if (isApiError(error) && error.status === 409) onAssigned?.();
            },
          },
        ),
    });
  };

  return (
    <NativeSelect
      size={compact ? 'xs' : 'sm'}
      label={compact ? undefined : label}
      aria-label={compact ? label : undefined}
      miw={compact ? 180 : undefined}
      value={choice ?? current}
      disabled={agents.isPending || assign.isPending}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value && value !== current) confirm(value);
      }}
    >
      <option value="" disabled={current !== ''}>
        {t('assign.placeholder')}
      </option>
      {matching.length > 0 ? (
        <optgroup label={t('assign.handlesCategory')}>
          {matching.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.fullName}
            </option>
          ))}
        </optgroup>
      ) : null}
      {others.length > 0 ? (
        <optgroup label={t('assign.otherAgents')}>
          {others.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.fullName}
            </option>
          ))}
        </optgroup>
      ) : null}
    </NativeSelect>
  );
}
