import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { errorText } from './error-text.js';

/** A failed action as a red toast: "Something went wrong" and why. */
export function showErrorToast(t: TFunction, error: unknown): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: errorText(t, error) });
}
