import { Button, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../shared/contracts/account.js';
import { useForgetDevice, useMyDevices } from '../../api/account.hooks.js';
import { TimeText } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { BrowserCell, ConfirmPlaceModal, IpCell, PlacesTable, summaryText } from './signed-in-places.js';

/** `/account/devices`: browsers remembered after two-step verification, and forgetting them. */
export function DevicesPage() {
  const { t } = useTranslation();
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

  return (
    <ListPage
      title={t('devices.title')}
      description={t('devices.intro')}
      below={
        <ConfirmPlaceModal
          opened={confirming !== null}
          onClose={close}
          title={t('devices.forgetTitle')}
          body={confirming?.current ? t('devices.forgetCurrentBody') : t('devices.forgetBody')}
          confirmLabel={t('devices.forget')}
          onConfirm={confirm}
          loading={forget.isPending}
        />
      }
    >
      <PlacesTable
        query={page}
        pages={pages}
        loadError={t('devices.loadError')}
        empty={t('devices.empty')}
        caption={t('devices.caption')}
        columns={[
          t('devices.device'),
          t('devices.ip'),
          t('devices.lastUsed'),
          t('devices.expires'),
          t('common.actions'),
        ]}
        pagination={t('devices.pagination')}
        row={(device) => (
          <>
            <BrowserCell place={device} currentBadge={t('devices.thisBrowser')} />
            <IpCell ip={device.ip} />
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
          </>
        )}
      />
    </ListPage>
  );
}
