import { Button, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionView } from '../../../shared/contracts/account.js';
import {
  useForgetSession,
  useMySessions,
  useRevokeSession,
  useSignOutOthers,
} from '../../api/account.hooks.js';
import { TimeText } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { BrowserCell, ConfirmPlaceModal, IpCell, PlacesTable, summaryText } from './signed-in-places.js';

/** `/account/sessions`: where the user is signed in, and signing any of those out. */
export function SessionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pages = useCursorStack();
  const page = useMySessions(pages.cursor);
  const revoke = useRevokeSession();
  const signOutOthers = useSignOutOthers();
  const forgetSession = useForgetSession();
  const [confirming, setConfirming] = useState<SessionView | 'others' | null>(null);

  const close = () => setConfirming(null);
  const confirm = () => {
    if (confirming === 'others') {
      signOutOthers.mutate(undefined, {
        onSuccess: () => {
          close();
          notifications.show({ color: 'green', message: t('sessions.othersSignedOut') });
        },
        onError: (error) => showErrorToast(t, error),
      });
    } else if (confirming) {
      const session = confirming;
      revoke.mutate(session.id, {
        onSuccess: () => {
          close();
          if (session.current) {
            void navigate('/sign-in', { replace: true });
            forgetSession();
          } else {
            notifications.show({ color: 'green', message: t('sessions.signedOut') });
          }
        },
        onError: (error) => showErrorToast(t, error),
      });
    }
  };

  const hasOthers = page.data ? page.data.items.some((session) => !session.current) || pages.page > 1 : false;
  return (
    <ListPage
      title={t('sessions.title')}
      description={t('sessions.intro')}
      actions={
        <Button variant="default" color="red" disabled={!hasOthers} onClick={() => setConfirming('others')}>
          {t('sessions.signOutOthers')}
        </Button>
      }
      below={
        <ConfirmPlaceModal
          opened={confirming !== null}
          onClose={close}
          title={
            confirming === 'others'
              ? t('sessions.signOutOthersTitle')
              : confirming?.current
                ? t('sessions.signOutCurrentTitle')
                : t('sessions.signOutTitle')
          }
          body={
            confirming === 'others'
              ? t('sessions.signOutOthersBody')
              : confirming?.current
                ? t('sessions.signOutCurrentBody')
                : t('sessions.signOutBody')
          }
          confirmLabel={confirming === 'others' ? t('sessions.signOutOthers') : t('sessions.signOut')}
          onConfirm={confirm}
          loading={revoke.isPending || signOutOthers.isPending}
        />
      }
    >
      <PlacesTable
        query={page}
        pages={pages}
        loadError={t('sessions.loadError')}
        empty={t('sessions.empty')}
        caption={t('sessions.caption')}
        columns={[
          t('sessions.device'),
          t('sessions.ip'),
          t('sessions.signedInAt'),
          t('sessions.lastActive'),
          t('common.actions'),
        ]}
        pagination={t('sessions.pagination')}
        row={(session) => (
          <>
            <BrowserCell place={session} currentBadge={t('sessions.thisDevice')} />
            <IpCell ip={session.ip} />
            <Table.Td>
              <TimeText value={session.createdAt} withTime />
            </Table.Td>
            <Table.Td>
              <TimeText value={session.lastSeenAt} withTime />
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="default"
                onClick={() => setConfirming(session)}
                aria-label={
                  session.current
                    ? t('sessions.signOutCurrentLabel')
                    : t('sessions.signOutLabel', { device: summaryText(session) })
                }
              >
                {t('sessions.signOut')}
              </Button>
            </Table.Td>
          </>
        )}
      />
    </ListPage>
  );
}
