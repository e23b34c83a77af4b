import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursSettings } from '../../../shared/contracts/sla.js';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Day = (typeof DAYS)[number];

/** Every IANA zone the browser knows, UTC first. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])];
}

/** The weekly schedule (several intervals a day allowed) and its time zone. */
export function ScheduleEditor({
  value,
  onChange,
  errors,
}: {
  value: BusinessHoursSettings;
  onChange: (value: BusinessHoursSettings) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const zones = useMemo(() => timeZones(value.timeZone), [value.timeZone]);
  const week = value.week.map((interval, index) => ({ ...interval, index }));
  const setWeek = (next: BusinessHoursSettings['week']) => onChange({ ...value, week: next });
  const update = (index: number, patch: Partial<{ start: string; end: string }>) =>
    setWeek(value.week.map((interval, i) => (i === index ? { ...interval, ...patch } : interval)));
  const dayName = (day: Day) => t(`sla.days.d${day}`);

  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('sla.timeZone')}
        value={value.timeZone}
        error={errors['businessHours.timeZone']}
        onChange={(event) => onChange({ ...value, timeZone: event.currentTarget.value })}
        maw={360}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </NativeSelect>
      {errors['businessHours.week'] ? (
        <Text size="sm" c="red">
          {errors['businessHours.week']}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {DAYS.map((day) => {
              const intervals = week.filter((interval) => interval.day === day);
              return (
                <Table.Tr key={day} data-day={day}>
                  <Table.Th scope="row" w={140}>
                    {dayName(day)}
                  </Table.Th>
                  <Table.Td>
                    <Stack gap={6}>
                      {intervals.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('sla.closed')}
                        </Text>
                      ) : null}
                      {intervals.map((interval) => (
                        <Group key={interval.index} gap="xs" align="flex-end" wrap="wrap">
                          <TextInput
                            type="time"
                            size="xs"
                            label={t('sla.opens')}
                            aria-label={t('sla.opensOn', { day: dayName(day) })}
                            value={interval.start}
                            onChange={(event) => update(interval.index, { start: event.currentTarget.value })}
                          />
                          <TextInput
                            type="time"
                            size="xs"
                            label={t('sla.closes')}
                            aria-label={t('sla.closesOn', { day: dayName(day) })}
                            value={interval.end === '24:00' ? '23:59' : interval.end}
                            error={errors[`businessHours.week.${interval.index}.end`]}
                            onChange={(event) => update(interval.index, { end: event.currentTarget.value })}
                          />
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setWeek(value.week.filter((_, i) => i !== interval.index))}
                          >
                            {t('sla.removeHours')}
                          </Button>
                        </Group>
                      ))}
                      <div>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setWeek([...value.week, { day, start: '09:00', end: '17:00' }])}
                        >
                          {t('sla.addHours', { day: dayName(day) })}
                        </Button>
                      </div>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
