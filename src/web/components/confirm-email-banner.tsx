import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../shared/contracts/auth.js';
import { isApiError } from '../api/client.js';
import { useResendConfirmation } from '../api/email-confirmation.hooks.js';
import classes from './confirm-email-banner.module.css';
import { errorText } from './error-text.js';

/** Why a new link was refused, in words: too many asked for (and when to try again), or the usual text. */
function resendErrorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return errorText(t, error);
  if (error.code === 'ALREADY_CONFIRMED') return t('confirmEmail.alreadyConfirmed');
  if (error.code !== 'RATE_LIMITED') return errorText(t, error);
  const seconds = error.retryAfter;
  if (seconds === null) return t('confirmEmail.rateLimited');
  if (seconds < 60) return t('confirmEmail.rateLimitedSeconds', { count: Math.max(1, seconds) });
  return t('confirmEmail.rateLimitedMinutes', { count: Math.ceil(seconds / 60) });
}

/** Above every customer page until the address is confirmed, with a way to get a new link. */
export function ConfirmEmailBanner({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const resend = useResendConfirmation();
  const send = () =>
    resend.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          title: t('confirmEmail.sentTitle'),
          message: t('confirmEmail.sent', { email: user.email }),
        }),
      onError: (error) =>
        notifications.show({ color: 'red', title: t('errors.title'), message: resendErrorText(t, error) }),
    });
  return (
    <Alert color="yellow" variant="light" role="region" aria-label={t('confirmEmail.bannerLabel')} mb="lg">
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={500} className={classes.text}>
          {t('confirmEmail.banner', { email: user.email })}
        </Text>
        <Button size="xs" variant="default" onClick={send} loading={resend.isPending}>
          {t('confirmEmail.resend')}
        </Button>
      </Group>
    </Alert>
  );
}
