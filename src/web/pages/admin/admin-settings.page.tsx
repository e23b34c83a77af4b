import { Button, Card, Group, Modal, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '../../../shared/contracts/two-factor.js';
import { useSecuritySettings, useUpdateSecuritySettings } from '../../api/two-factor.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';

/** `/admin/settings`: rules for every account (today: requiring an authenticator app for staff). */
export function AdminSettingsPage() {
  const { t } = useTranslation();
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings();
  const [confirming, setConfirming] = useState(false);

  const save = (body: SecuritySettings) =>
    update.mutate(body, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'green', message: t('common.saved') });
      },
      onError: (error) => showErrorToast(t, error),
    });

  // While a change is saved the switch shows it; a failure puts it back.
  const checked = update.isPending ? update.variables.requireStaffTotp : settings.data?.requireStaffTotp;
  return (
    <Stack gap="lg">
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={2} size="h3">
            {t('settings.security')}
          </Title>
          {settings.isError ? (
            <QueryErrorAlert
              title={t('settings.loadError')}
              error={settings.error}
              onRetry={() => void settings.refetch()}
            />
          ) : checked === undefined ? (
            <Skeleton height={24} width="60%" aria-hidden />
          ) : (
            <Stack gap={6}>
              <Switch
                label={t('settings.requireTotp')}
                aria-describedby="require-totp-hint"
                checked={checked}
                disabled={update.isPending}
                onChange={(event) => {
                  if (event.currentTarget.checked) setConfirming(true);
                  else save({ requireStaffTotp: false });
                }}
              />
              <Text id="require-totp-hint" size="sm" c="dimmed" pl={54}>
                {t('settings.requireTotpHint')}
              </Text>
            </Stack>
          )}
        </Stack>
      </Card>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('settings.confirmTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('settings.confirmBody')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save({ requireStaffTotp: true })} loading={update.isPending}>
              {t('settings.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
