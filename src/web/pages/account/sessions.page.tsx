import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
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
import { DataTable, SkeletonRows, TimeText } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { summariseUserAgent } from './user-agent.js';

const SKELETON_CELLS = [{ width: '70%' }, { width: 90 }, { width: 110 }, { width: 110 }, { width: 70 }];

/** The browser as "Chrome on Windows", or as much of it as is known. */
function DeviceName({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { browser, os } = summariseUserAgent(session.userAgent);
  const name =
    browser && os
      ? t('sessions.browserOn', { browser, os })
      : (browser ?? os ?? (session.userAgent ? t('sessions.otherBrowser') : t('sessions.unknownDevice')));
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={500} title={session.userAgent ?? undefined}>
        {name}
      </Text>
      {session.current ? (
        <Badge color="green" variant="light" radius="sm" size="sm">
          {t('sessions.thisDevice')}
        </Badge>
      ) : null}
    </Group>
  );
}

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

  const sessions = page.data?.items;
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
        <Modal
          opened={confirming !== null}
          onClose={close}
          title={
            confirming === 'others'
              ? t('sessions.signOutOthersTitle')
              : confirming?.current
                ? t('sessions.signOutCurrentTitle')
                : t('sessions.signOutTitle')
          }
        >
          <Stack gap="md">
            <Text size="sm">
              {confirming === 'others'
                ? t('sessions.signOutOthersBody')
                : confirming?.current
                  ? t('sessions.signOutCurrentBody')
                  : t('sessions.signOutBody')}
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={confirm} loading={revoke.isPending || signOutOthers.isPending}>
                {confirming === 'others' ? t('sessions.signOutOthers') : t('sessions.signOut')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      }
    >
      <QueryStates
        query={page}
        errorTitle={t('sessions.loadError')}
        isEmpty={noItems}
        empty={{ title: t('sessions.empty') }}
      >
        <DataTable
          caption={t('sessions.caption')}
          columns={[
            t('sessions.device'),
            t('sessions.ip'),
            t('sessions.signedInAt'),
            t('sessions.lastActive'),
            t('common.actions'),
          ]}
          minWidth={640}
          busy={page.isPending}
          refreshing={page.isPlaceholderData}
        >
          {page.isPending || !sessions ? (
            <SkeletonRows rows={3} cells={SKELETON_CELLS} />
          ) : (
            sessions.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>
                  <DeviceName session={session} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {session.ip ?? t('common.notAvailable')}
                  </Text>
                </Table.Td>
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
              </Table.Tr>
            ))
          )}
        </DataTable>
        <Pager label={t('sessions.pagination')} pages={pages} query={page} />
      </QueryStates>
    </ListPage>
  );
}

/** A short, untranslated name for a button's accessible label ("Chrome, Windows, 203.0.113.9"). */
function summaryText(session: SessionView): string {
  const { browser, os } = summariseUserAgent(session.userAgent);
  return [browser, os, session.ip].filter(Boolean).join(', ');
}
