import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SIGN_IN_CODE_MINUTES,
  TRUSTED_DEVICE_DAYS,
  type SessionResponse,
  type VerificationMethod,
} from '../../../shared/contracts/auth.js';
import { useResendSignInCode, useVerifySignIn } from '../../api/auth.hooks.js';
import { isApiError } from '../../api/client.js';
import { AuthLayout } from './auth-layout.js';
import { FormAlert } from './form-alert.js';

/** The server's "The code is incorrect (3 attempts left)", said in the interface language. */
export function wrongCodeText(t: TFunction, message: string): string {
  const left = /\((\d+) attempts? left\)/.exec(message);
  return left ? t('twoStep.wrongCodeLeft', { count: Number(left[1]) }) : t('twoStep.wrongCode');
}

/**
 * The second step of signing in from a browser the account has not verified: the emailed code, or
 * the authenticator's code (or a recovery code). `onExpired` goes back to the password step.
 */
export function SignInCodeStep({
  method,
  onSignedIn,
  onExpired,
  onStartAgain,
}: {
  method: VerificationMethod;
  onSignedIn: (session: SessionResponse) => void;
  onExpired: () => void;
  onStartAgain: () => void;
}) {
  const { t } = useTranslation();
  const verify = useVerifySignIn();
  const resend = useResendSignInCode();
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const [resent, setResent] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const fail = (error: unknown) => {
    if (isApiError(error) && error.code === 'CODE_EXPIRED') return onExpired();
    const fieldMessage = isApiError(error) ? error.fieldErrors.code : undefined;
    if (fieldMessage !== undefined) {
      setProblem(wrongCodeText(t, fieldMessage));
      input.current?.focus();
      return;
    }
    setAlertError(error);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAlertError(null);
    setResent(false);
    if (!code.trim()) {
      setProblem(t('twoStep.codeRequired'));
      input.current?.focus();
      return;
    }
    setProblem(null);
    verify.mutate({ code: code.trim(), rememberDevice: remember }, { onSuccess: onSignedIn, onError: fail });
  };

  const sendAgain = () => {
    setAlertError(null);
    setResent(false);
    resend.mutate(undefined, {
      onSuccess: () => {
        setResent(true);
        setCode('');
        setProblem(null);
      },
      onError: fail,
    });
  };

  const byEmail = method === 'email';
  return (
    <AuthLayout
      title={byEmail ? t('twoStep.emailTitle') : t('twoStep.totpTitle')}
      intro={byEmail ? t('twoStep.emailIntro', { minutes: SIGN_IN_CODE_MINUTES }) : t('twoStep.totpIntro')}
      footer={
        <Button variant="subtle" size="compact-sm" onClick={onStartAgain}>
          {t('twoStep.startAgain')}
        </Button>
      }
    >
      <FormAlert error={alertError} />
      {resent ? (
        <Alert color="green" variant="light" role="status" mb="md">
          {t('twoStep.resent')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            ref={input}
            label={byEmail ? t('twoStep.emailCode') : t('twoStep.totpCode')}
            name="code"
            autoComplete="one-time-code"
            inputMode={byEmail ? 'numeric' : 'text'}
            autoFocus
            maxLength={32}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setProblem(null);
            }}
            error={problem ?? undefined}
          />
          <Checkbox
            label={t('twoStep.rememberDevice', { days: TRUSTED_DEVICE_DAYS })}
            checked={remember}
            onChange={(event) => setRemember(event.currentTarget.checked)}
          />
          <Button type="submit" fullWidth loading={verify.isPending}>
            {t('twoStep.verify')}
          </Button>
          {byEmail ? (
            <Group justify="center">
              <Button variant="subtle" size="compact-sm" onClick={sendAgain} loading={resend.isPending}>
                {t('twoStep.resend')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </AuthLayout>
  );
}
