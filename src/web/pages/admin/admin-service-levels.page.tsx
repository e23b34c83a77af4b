import {
  Button,
  Card,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHoursSettings, ServiceLevels } from '../../../shared/contracts/sla.js';
import type { TicketPriority } from '../../../shared/tickets.js';
import { isApiError } from '../../api/client.js';
import { useSaveServiceLevels, useServiceLevels } from '../../api/sla.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { PriorityBadge } from '../../components/tickets/sla-badge.js';
import { HolidaysCard } from './service-level-holidays.js';
import { ScheduleEditor } from './service-level-schedule.js';

type Kind = 'firstResponse' | 'resolution';

/** A target as the form holds it: hours and minutes as typed (both empty: no target). */
interface TargetDraft {
  priority: TicketPriority;
  businessHours: boolean;
  firstResponse: { hours: string; minutes: string };
  resolution: { hours: string; minutes: string };
}

interface Draft {
  targets: TargetDraft[];
  businessHours: BusinessHoursSettings;
}

const split = (minutes: number | null) =>
  minutes === null
    ? { hours: '', minutes: '' }
    : { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) };

/** null when both are empty; NaN (refused by the server) when not a number. */
function join(value: { hours: string; minutes: string }): number | null {
  if (value.hours.trim() === '' && value.minutes.trim() === '') return null;
  return Number(value.hours || 0) * 60 + Number(value.minutes || 0);
}

const toDraft = (levels: ServiceLevels): Draft => ({
  businessHours: levels.businessHours,
  targets: levels.targets.map((target) => ({
    priority: target.priority,
    businessHours: target.businessHours,
    firstResponse: split(target.firstResponseMinutes),
    resolution: split(target.resolutionMinutes),
  })),
});

const fromDraft = (draft: Draft): ServiceLevels => ({
  businessHours: draft.businessHours,
  targets: draft.targets.map((target) => ({
    priority: target.priority,
    businessHours: target.businessHours,
    firstResponseMinutes: join(target.firstResponse),
    resolutionMinutes: join(target.resolution),
  })),
});

/** `/admin/service-levels`: targets per priority, the business-hours schedule and the holidays. */
export function AdminServiceLevelsPage() {
  const { t } = useTranslation();
  const levels = useServiceLevels();
  const save = useSaveServiceLevels();
  const [draft, setDraft] = useState<Draft | null>(null);
  const targetsId = useId();
  const scheduleId = useId();
  useEffect(() => {
    if (levels.data && draft === null) setDraft(toDraft(levels.data));
  }, [levels.data, draft]);
  const errors = isApiError(save.error) ? save.error.fieldErrors : {};

  const setTarget = (priority: TicketPriority, patch: Partial<TargetDraft>) =>
    setDraft((current) =>
      current
        ? {
            ...current,
            targets: current.targets.map((target) =>
              target.priority === priority ? { ...target, ...patch } : target,
            ),
          }
        : current,
    );

  const durationInputs = (target: TargetDraft, kind: Kind) => {
    const value = target[kind];
    const context = { target: t(`sla.${kind}`), priority: t(`sla.priority.${target.priority}`) };
    return (
      <Group gap={4} wrap="nowrap">
        <TextInput
          type="number"
          min={0}
          size="xs"
          w={72}
          placeholder={t('sla.hoursShort')}
          aria-label={t('sla.hoursLabel', context)}
          value={value.hours}
          onChange={(event) =>
            setTarget(target.priority, { [kind]: { ...value, hours: event.currentTarget.value } })
          }
        />
        <TextInput
          type="number"
          min={0}
          max={59}
          size="xs"
          w={72}
          placeholder={t('sla.minutesShort')}
          aria-label={t('sla.minutesLabel', context)}
          value={value.minutes}
          onChange={(event) =>
            setTarget(target.priority, { [kind]: { ...value, minutes: event.currentTarget.value } })
          }
        />
      </Group>
    );
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t('sla.title')} description={t('sla.intro')} />
      {levels.isError ? (
        <QueryErrorAlert
          title={t('sla.loadError')}
          error={levels.error}
          onRetry={() => void levels.refetch()}
        />
      ) : !draft ? (
        <Skeleton height={240} aria-hidden />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(fromDraft(draft), {
              onSuccess: (saved) => {
                setDraft(toDraft(saved));
                notifications.show({ color: 'green', message: t('sla.saved') });
              },
              onError: (error) => showErrorToast(t, error),
            });
          }}
        >
          <Stack gap="lg">
            <Card withBorder padding="lg" component="section" aria-labelledby={targetsId}>
              <Title order={2} size="h3" id={targetsId} mb="xs">
                {t('sla.targets')}
              </Title>
              <Text size="sm" c="dimmed" mb="md">
                {t('sla.targetsHelp')}
              </Text>
              {Object.keys(errors).some((field) => field.startsWith('targets')) ? (
                <Text size="sm" c="red" mb="sm">
                  {t('sla.targetsInvalid')}
                </Text>
              ) : null}
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('sla.priorityLabel')}</Table.Th>
                      <Table.Th>{t('sla.firstResponse')}</Table.Th>
                      <Table.Th>{t('sla.resolution')}</Table.Th>
                      <Table.Th>{t('sla.clock')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {draft.targets.map((target) => (
                      <Table.Tr key={target.priority} data-priority={target.priority}>
                        <Table.Td>
                          <PriorityBadge priority={target.priority} />
                        </Table.Td>
                        <Table.Td>{durationInputs(target, 'firstResponse')}</Table.Td>
                        <Table.Td>{durationInputs(target, 'resolution')}</Table.Td>
                        <Table.Td>
                          <NativeSelect
                            size="xs"
                            aria-label={t('sla.clockLabel', {
                              priority: t(`sla.priority.${target.priority}`),
                            })}
                            value={target.businessHours ? 'business' : 'always'}
                            onChange={(event) =>
                              setTarget(target.priority, {
                                businessHours: event.currentTarget.value === 'business',
                              })
                            }
                          >
                            <option value="business">{t('sla.businessHours')}</option>
                            <option value="always">{t('sla.aroundTheClock')}</option>
                          </NativeSelect>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
            <Card withBorder padding="lg" component="section" aria-labelledby={scheduleId}>
              <Title order={2} size="h3" id={scheduleId} mb="md">
                {t('sla.schedule')}
              </Title>
              <ScheduleEditor
                value={draft.businessHours}
                errors={errors}
                onChange={(businessHours) => setDraft({ ...draft, businessHours })}
              />
            </Card>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('sla.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <HolidaysCard />
    </Stack>
  );
}
