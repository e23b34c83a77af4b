import { Button, Card, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetupResponse } from '../../../shared/contracts/two-factor.js';
import { isApiError } from '../../api/client.js';
import { useEnableTotp } from '../../api/two-factor.hooks.js';
import { FormAlert } from '../auth/form-alert.js';

/**
 * The QR code to scan (a data: image, which the CSP allows) and the secret to type instead, then a
 * code from the app to turn it on. `onEnabled` receives the recovery codes.
 */
export function TotpEnrolment({
  setup,
  onEnabled,
}: {
  setup: TotpSetupResponse;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const enable = useEnableTotp();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAlertError(null);
    if (!code.trim()) {
      setProblem(t('twoStep.codeRequired'));
      input.current?.focus();
      return;
    }
    setProblem(null);
    enable.mutate(
      { code: code.trim() },
      {
        onSuccess: (answer) => onEnabled(answer.recoveryCodes),
        onError: (error) => {
          if (isApiError(error) && error.fieldErrors.code !== undefined) {
            setProblem(t('authenticator.wrongCode'));
            input.current?.focus();
          } else setAlertError(error);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <FormAlert error={alertError} />
        <Text size="sm">{t('authenticator.scan')}</Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrCodeSvg)}`}
          alt={t('authenticator.qrAlt')}
          w={200}
          h={200}
          bg="white"
          p={4}
        />
        <TextInput
          label={t('authenticator.secret')}
          value={setup.secret}
          readOnly
          ff="monospace"
          maw={360}
          onFocus={(event) => event.currentTarget.select()}
        />
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              ref={input}
              label={t('authenticator.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={16}
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                setProblem(null);
              }}
              error={problem ?? undefined}
              w={220}
            />
            <Button type="submit" mt={25} loading={enable.isPending}>
              {t('authenticator.enable')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
