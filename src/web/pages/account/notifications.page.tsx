import { Card, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNotificationPreferences, useUpdateNotificationPreferences } from '../../api/account.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';

/** `/account/notifications`: whether a customer gets emails about their tickets. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();

  // While a change is saved the switch shows it; a failure puts it back.
  const checked = update.isPending ? update.variables.ticketUpdates : preferences.data?.ticketUpdates;
  return (
    <Stack gap="lg">
      <PageHeader title={t('emailPrefs.title')} description={t('emailPrefs.intro')} />
      <Card withBorder padding="lg">
        {preferences.isError ? (
          <QueryErrorAlert
            title={t('emailPrefs.loadError')}
            error={preferences.error}
            onRetry={() => void preferences.refetch()}
          />
        ) : checked === undefined ? (
          <Skeleton height={24} width="60%" aria-hidden />
        ) : (
          <Stack gap={6}>
            <Switch
              label={t('emailPrefs.ticketUpdates')}
              // Kept out of the label (Mantine's description sits inside it), so the switch's name is just the label.
              aria-describedby="ticket-updates-hint"
              checked={checked}
              disabled={update.isPending}
              onChange={(event) => {
                update.mutate(
                  { ticketUpdates: event.currentTarget.checked },
                  {
                    onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }),
                    onError: (error) => showErrorToast(t, error),
                  },
                );
              }}
            />
            <Text id="ticket-updates-hint" size="sm" c="dimmed" pl={54}>
              {t('emailPrefs.ticketUpdatesHint')}
            </Text>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
