import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TotpSetupResponse } from '../../../shared/contracts/two-factor.js';
import { HOME_PATH } from '../../../shared/roles.js';
import { useTotpSetupRequired } from '../../api/auth.hooks.js';
import { useDisableTotp, useRegenerateRecoveryCodes, useTotpSetup } from '../../api/two-factor.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { showErrorToast } from '../../components/error-toast.js';
import { LockIcon } from '../../components/icons.js';
import { PageHeader } from '../../components/page-header.js';
import { ForbiddenPage } from '../errors/forbidden.page.js';
import { PasswordDialog } from './password-dialog.js';
import { RecoveryCodes } from './recovery-codes.js';
import { TotpEnrolment } from './totp-enrolment.js';

/** Where staff set up their authenticator app (and where they are held while an admin requires one). */
export const AUTHENTICATOR_PATH = '/account/authenticator';

/** `/account/authenticator` (agents and admins): set up, replace recovery codes, turn off. */
export function AuthenticatorPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const required = useTotpSetupRequired();
  // Held here by the admin's rule: once the codes are saved, go on to work.
  const [heldForSetup] = useState(required);
  const start = useTotpSetup();
  const disable = useDisableTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);

  if (user.role === 'customer') return <ForbiddenPage user={user} />;

  const done = () => {
    setCodes(null);
    if (heldForSetup) void navigate(HOME_PATH[user.role], { replace: true });
  };

  let body;
  if (codes) {
    body = <RecoveryCodes codes={codes} email={user.email} onDone={done} />;
  } else if (!user.totpEnabled && setup) {
    body = (
      <TotpEnrolment
        setup={setup}
        onEnabled={(recoveryCodes) => {
          setSetup(null);
          setCodes(recoveryCodes);
          notifications.show({ color: 'green', message: t('authenticator.enabled') });
        }}
      />
    );
  } else {
    body = (
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h3">
              {t('authenticator.title')}
            </Title>
            <Badge color={user.totpEnabled ? 'green' : 'gray'} variant="light" radius="sm">
              {user.totpEnabled ? t('authenticator.on') : t('authenticator.off')}
            </Badge>
          </Group>
          <Text size="sm">{user.totpEnabled ? t('authenticator.onBody') : t('authenticator.offBody')}</Text>
          <Group gap="sm">
            {user.totpEnabled ? (
              <>
                <Button variant="default" onClick={() => setDialog('regenerate')}>
                  {t('authenticator.regenerate')}
                </Button>
                <Button variant="default" color="red" onClick={() => setDialog('disable')}>
                  {t('authenticator.turnOff')}
                </Button>
              </>
            ) : (
              <Button
                loading={start.isPending}
                onClick={() =>
                  start.mutate(undefined, {
                    onSuccess: setSetup,
                    onError: (error) => showErrorToast(t, error),
                  })
                }
              >
                {t('authenticator.setUp')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('authenticator.title')} description={t('authenticator.intro')} />
      {required ? (
        <Alert color="orange" variant="light" icon={<LockIcon />} role="alert">
          {t('authenticator.required')}
        </Alert>
      ) : null}
      {body}
      {dialog === 'regenerate' ? (
        <PasswordDialog
          opened
          title={t('authenticator.regenerateTitle')}
          body={t('authenticator.regenerateBody')}
          confirmLabel={t('authenticator.regenerate')}
          pending={regenerate.isPending}
          onClose={() => setDialog(null)}
          send={(password, onError) =>
            regenerate.mutate(
              { password },
              {
                onSuccess: (answer) => {
                  setDialog(null);
                  setCodes(answer.recoveryCodes);
                },
                onError,
              },
            )
          }
        />
      ) : null}
      {dialog === 'disable' ? (
        <PasswordDialog
          opened
          title={t('authenticator.turnOffTitle')}
          body={t('authenticator.turnOffBody')}
          confirmLabel={t('authenticator.turnOff')}
          danger
          pending={disable.isPending}
          onClose={() => setDialog(null)}
          send={(password, onError) =>
            disable.mutate(
              { password },
              {
                onSuccess: () => {
                  setDialog(null);
                  notifications.show({ color: 'green', message: t('authenticator.turnedOff') });
                },
                onError,
              },
            )
          }
        />
      ) : null}
    </Stack>
  );
}
