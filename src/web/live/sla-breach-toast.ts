import { notifications } from '@mantine/notifications';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveEvent } from '../../shared/contracts/live.js';

/**
 * A toast for staff when a ticket they follow misses a target (the server sends these events to the
 * ticket's agent and to admins only). Kept in a ref so the live connection needs no restart when the
 * language changes.
 */
export function useSlaBreachToast() {
  const { t } = useTranslation();
  const show = useRef<(event: LiveEvent) => void>(() => undefined);
  show.current = (event) => {
    if (event.type !== 'ticket.sla_breached') return;
    const data = event.data as { reference?: string; target?: 'first_response' | 'resolution' };
    if (!data.reference || !data.target) return;
    notifications.show({
      color: 'red',
      title: t('sla.breachTitle'),
      message: t('sla.breachToast', {
        reference: data.reference,
        target: t(`sla.targetName.${data.target}`),
      }),
    });
  };
  return show;
}
