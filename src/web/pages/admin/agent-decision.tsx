import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../shared/contracts/agents.js';
import { useAgentAction, type AgentAction } from '../../api/agents.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';

/**
 * Accepting, rejecting and deactivating agents. Reject and deactivate are consequential: they ask in
 * a dialog first and send only on the confirm button. Each result is a toast.
 */
export function useAgentDecision() {
  const { t } = useTranslation();
  const action = useAgentAction();

  const run = (agent: AgentView, kind: AgentAction) =>
    action.mutate(
      { id: agent.id, action: kind },
      {
        onSuccess: () =>
          notifications.show({
            color: kind === 'accept' ? 'green' : 'gray',
            message:
              kind === 'accept'
                ? t('requests.accepted', { name: agent.fullName })
                : kind === 'reject'
                  ? t('requests.rejected', { name: agent.fullName })
                  : t('agents.deactivated', { name: agent.fullName }),
          }),
        onError: (error) => showErrorToast(t, error),
      },
    );

  const decide = (agent: AgentView, kind: AgentAction) => {
    if (kind === 'accept') {
      run(agent, kind);
      return;
    }
    const reject = kind === 'reject';
    modals.openConfirmModal({
      title: reject ? t('requests.rejectTitle') : t('agents.deactivateTitle'),
      centered: true,
      children: (
        <Text size="sm">
          {reject
            ? t('requests.rejectBody', { name: agent.fullName })
            : t('agents.deactivateBody', { name: agent.fullName })}
        </Text>
      ),
      labels: {
        confirm: reject ? t('requests.reject') : t('agents.deactivate'),
        cancel: t('common.cancel'),
      },
      confirmProps: { color: 'red' },
      onConfirm: () => run(agent, kind),
    });
  };

  return { decide, pending: action.isPending };
}
