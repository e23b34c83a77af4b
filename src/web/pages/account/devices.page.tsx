import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../shared/contracts/account.js';
import { useForgetDevice, useMyDevices } from '../../api/account.hooks.js';
import { DataTable, SkeletonRows, TimeText } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { summariseUserAgent } from './user-agent.js';

const SKELETON_CELLS = [{ width: '70%' }, { width: 90 }, { width: 110 }, { width: 110 }, { width: 70 }];

function useBrowserName() {
  const { t } = useTranslation();
  return (userAgent: string | null) => {
    const { browser, os } = summariseUserAgent(userAgent);
    if (browser && os) return t('sessions.browserOn', { browser, os });
    return browser ?? os ?? (userAgent ? t('sessions.otherBrowser') : t('sessions.unknownDevice'));
  };
}

/** `/account/devices`: browsers remembered after two-step verification, and forgetting them. */
export function DevicesPage() {
  const { t } = useTranslation();
  const browserName = useBrowserName();
  const pages = useCursorStack();
  const page = useMyDevices(pages.cursor);
  const forget = useForgetDevice();
  const [confirming, setConfirming] = useState<DeviceView | null>(null);

  const close = () => setConfirming(null);
  const confirm = () => {
    if (!confirming) return;
    forget.mutate(confirming.id, {
      onSuccess: () => {
        close();
        notifications.show({ color: 'green', message: t('devices.forgotten') });
      },
      onError: (error) => showErrorToast(t, error),
    });
  };

  const devices = page.data?.items;
  return (
    <ListPage
      title={t('devices.title')}
      description={t('devices.intro')}
      below={
        <Modal opened={confirming !== null} onClose={close} title={t('devices.forgetTitle')}>
          <Stack gap="md">
            <Text size="sm">
              {confirming?.current ? t('devices.forgetCurrentBody') : t('devices.forgetBody')}
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={confirm} loading={forget.isPending}>
                {t('devices.forget')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      }
    >
      <QueryStates
        query={page}
        errorTitle={t('devices.loadError')}
        isEmpty={noItems}
        empty={{ title: t('devices.empty') }}
      >
        <DataTable
          caption={t('devices.caption')}
          columns={[
            t('devices.device'),
            t('devices.ip'),
            t('devices.lastUsed'),
            t('devices.expires'),
            t('common.actions'),
          ]}
          minWidth={640}
          busy={page.isPending}
          refreshing={page.isPlaceholderData}
        >
          {page.isPending || !devices ? (
            <SkeletonRows rows={3} cells={SKELETON_CELLS} />
          ) : (
            devices.map((device) => (
              <Table.Tr key={device.id}>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={500} title={device.userAgent ?? undefined}>
                      {browserName(device.userAgent)}
                    </Text>
                    {device.current ? (
                      <Badge color="green" variant="light" radius="sm" size="sm">
                        {t('devices.thisBrowser')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {device.ip ?? t('common.notAvailable')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TimeText value={device.lastUsedAt} withTime />
                </Table.Td>
                <Table.Td>
                  <TimeText value={device.expiresAt} />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setConfirming(device)}
                    aria-label={
                      device.current
                        ? t('devices.forgetCurrentLabel')
                        : t('devices.forgetLabel', { device: summaryText(device) })
                    }
                  >
                    {t('devices.forget')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </DataTable>
        <Pager label={t('devices.pagination')} pages={pages} query={page} />
      </QueryStates>
    </ListPage>
  );
}

/** A short, untranslated name for a button's accessible label ("Chrome, Windows, 203.0.113.9"). */
function summaryText(device: DeviceView): string {
  const { browser, os } = summariseUserAgent(device.userAgent);
  return [browser, os, device.ip].filter(Boolean).join(', ');
}
