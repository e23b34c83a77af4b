import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useAddHoliday, useHolidays, useRemoveHoliday } from '../../api/sla.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { useFormat } from '../../i18n/format.js';

/** Days the business is closed: a list with add and remove. */
export function HolidaysCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const pages = useCursorStack();
  const holidays = useHolidays(pages.cursor);
  const add = useAddHoliday();
  const remove = useRemoveHoliday();
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const fieldErrors = isApiError(add.error) ? add.error.fieldErrors : {};

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={titleId}>
            {t('sla.holidays')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sla.holidaysHelp')}
          </Text>
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate(
              { day, name: name.trim() },
              {
                onSuccess: () => {
                  setDay('');
                  setName('');
                  notifications.show({ color: 'green', message: t('sla.holidayAdded') });
                },
                onError: (error) => showErrorToast(t, error),
              },
            );
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              required
              label={t('sla.holidayDay')}
              value={day}
              error={fieldErrors.day}
              onChange={(event) => setDay(event.currentTarget.value)}
            />
            <TextInput
              required
              maxLength={100}
              label={t('sla.holidayName')}
              value={name}
              error={fieldErrors.name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Button type="submit" loading={add.isPending} disabled={!day || !name.trim()}>
              {t('sla.addHoliday')}
            </Button>
          </Group>
        </form>
        {holidays.isError ? (
          <QueryErrorAlert
            title={t('sla.loadError')}
            error={holidays.error}
            onRetry={() => void holidays.refetch()}
          />
        ) : holidays.data && holidays.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sla.noHolidays')}
          </Text>
        ) : (
          <Table>
            <Table.Tbody>
              {(holidays.data?.items ?? []).map((holiday) => (
                <Table.Tr key={holiday.day} data-holiday={holiday.day}>
                  <Table.Td>
                    <time dateTime={holiday.day}>{format.date(`${holiday.day}T12:00:00Z`)}</time>
                  </Table.Td>
                  <Table.Td>{holiday.name}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('sla.removeHolidayLabel', { name: holiday.name })}
                      loading={remove.isPending && remove.variables === holiday.day}
                      onClick={() =>
                        remove.mutate(holiday.day, {
                          onSuccess: () =>
                            notifications.show({ color: 'green', message: t('sla.holidayRemoved') }),
                          onError: (error) => showErrorToast(t, error),
                        })
                      }
                    >
                      {t('sla.removeHoliday')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Pager label={t('sla.holidays')} pages={pages} query={holidays} />
      </Stack>
    </Card>
  );
}
