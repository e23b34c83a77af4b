import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Blockquote, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  BACKLOG_STATUSES,
  type AgentsReport,
  type BacklogReport,
  type ResponseTimesReport,
  type SatisfactionReport,
  type VolumeReport,
} from '../../../../shared/contracts/reports.js';
import { useReport, type ReportFilters } from './admin-reports.hooks.js';
import { NumbersTable, ReportSection } from './admin-reports.section.js';

const STATUS_COLORS = ['blue.6', 'cyan.6', 'teal.6', 'yellow.6', 'red.6'];

export function VolumeSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const query = useReport<VolumeReport>('volume', filters);
  return (
    <ReportSection
      kind="volume"
      title={t('reports.volume.title')}
      filters={filters}
      query={query}
      isEmpty={(r) => r.totals.created + r.totals.resolved === 0}
    >
      {(report) => (
        <Stack>
          <BarChart
            h={260}
            data={report.days}
            dataKey="day"
            series={[
              { name: 'created', label: t('reports.volume.created'), color: 'blue.6' },
              { name: 'resolved', label: t('reports.volume.resolved'), color: 'teal.6' },
            ]}
            withLegend
          />
          <NumbersTable
            caption={t('reports.volume.totals', report.totals)}
            header={[t('reports.day'), t('reports.volume.created'), t('reports.volume.resolved')]}
            rows={report.days.map((d) => [d.day, d.created, d.resolved])}
          />
        </Stack>
      )}
    </ReportSection>
  );
}

export function BacklogSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const query = useReport<BacklogReport>('backlog', filters);
  return (
    <ReportSection
      kind="backlog"
      title={t('reports.backlog.title')}
      filters={filters}
      query={query}
      isEmpty={(r) => r.days.every((d) => d.total === 0)}
    >
      {(report) => (
        <Stack>
          <AreaChart
            h={260}
            data={report.days}
            dataKey="day"
            type="stacked"
            series={BACKLOG_STATUSES.map((status, i) => ({
              name: status,
              label: t(`status.${status}`),
              color: STATUS_COLORS[i] ?? 'gray.6',
            }))}
            withLegend
          />
          <NumbersTable
            caption={t('reports.backlog.caption')}
            header={[t('reports.day'), ...BACKLOG_STATUSES.map((s) => t(`status.${s}`)), t('reports.total')]}
            rows={report.days.map((d) => [d.day, ...BACKLOG_STATUSES.map((s) => d[s]), d.total])}
          />
        </Stack>
      )}
    </ReportSection>
  );
}

export function ResponseTimesSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const query = useReport<ResponseTimesReport>('response-times', filters);
  return (
    <ReportSection
      kind="response-times"
      title={t('reports.times.title')}
      filters={filters}
      query={query}
      isEmpty={(r) => r.overall.firstResponse.count + r.overall.resolution.count === 0}
    >
      {(report) => (
        <Stack>
          <LineChart
            h={260}
            data={report.weeks.map((w) => ({
              week: w.weekStart,
              firstMedian: w.firstResponse.medianMinutes,
              firstP90: w.firstResponse.p90Minutes,
              resolutionMedian: w.resolution.medianMinutes,
              resolutionP90: w.resolution.p90Minutes,
            }))}
            dataKey="week"
            unit=" min"
            connectNulls
            series={[
              { name: 'firstMedian', label: t('reports.times.firstMedian'), color: 'blue.6' },
              { name: 'firstP90', label: t('reports.times.firstP90'), color: 'blue.3' },
              { name: 'resolutionMedian', label: t('reports.times.resolutionMedian'), color: 'teal.6' },
              { name: 'resolutionP90', label: t('reports.times.resolutionP90'), color: 'teal.3' },
            ]}
            withLegend
          />
          <Group gap="xl">
            <Text size="sm">
              {t('reports.times.firstWithin', {
                percent: report.overall.firstResponse.withinTargetPercent ?? '–',
              })}
            </Text>
            <Text size="sm">
              {t('reports.times.resolutionWithin', {
                percent: report.overall.resolution.withinTargetPercent ?? '–',
              })}
            </Text>
          </Group>
          <NumbersTable
            caption={t('reports.times.caption')}
            header={[
              t('reports.week'),
              t('reports.times.firstMedian'),
              t('reports.times.firstP90'),
              t('reports.times.firstShare'),
              t('reports.times.resolutionMedian'),
              t('reports.times.resolutionP90'),
              t('reports.times.resolutionShare'),
            ]}
            rows={report.weeks.map((w) => [
              w.weekStart,
              w.firstResponse.medianMinutes,
              w.firstResponse.p90Minutes,
              w.firstResponse.withinTargetPercent,
              w.resolution.medianMinutes,
              w.resolution.p90Minutes,
              w.resolution.withinTargetPercent,
            ])}
          />
        </Stack>
      )}
    </ReportSection>
  );
}

export function SatisfactionSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const query = useReport<SatisfactionReport>('satisfaction', filters);
  return (
    <ReportSection
      kind="satisfaction"
      title={t('reports.satisfaction.title')}
      filters={filters}
      query={query}
      isEmpty={(r) => r.ratings === 0}
    >
      {(report) => (
        <Stack>
          <Text fw={600}>
            {t('reports.satisfaction.average', {
              average: report.averageStars ?? '–',
              count: report.ratings,
            })}
          </Text>
          <BarChart
            h={220}
            data={report.distribution.map((d) => ({ stars: `${d.stars} ★`, ratings: d.ratings }))}
            dataKey="stars"
            series={[{ name: 'ratings', label: t('reports.satisfaction.ratings'), color: 'yellow.6' }]}
          />
          <NumbersTable
            caption={t('reports.satisfaction.caption')}
            header={[t('reports.satisfaction.stars'), t('reports.satisfaction.ratings')]}
            rows={report.distribution.map((d) => [d.stars, d.ratings])}
          />
          <Text fw={600}>{t('reports.satisfaction.comments')}</Text>
          {report.comments.items.length === 0 ? (
            <Text c="dimmed">{t('reports.satisfaction.noComments')}</Text>
          ) : (
            report.comments.items.map((c) => (
              <Blockquote
                key={c.id}
                p="sm"
                cite={`${c.stars} ★ · ${c.ticketReference} · ${c.agentName ?? '–'}`}
              >
                {c.comment}
              </Blockquote>
            ))
          )}
        </Stack>
      )}
    </ReportSection>
  );
}

export function AgentsSection({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const query = useReport<AgentsReport>('agents', filters);
  return (
    <ReportSection
      kind="agents"
      title={t('reports.agents.title')}
      filters={filters}
      query={query}
      isEmpty={(r) => r.items.length === 0}
    >
      {(report) => (
        <Stack>
          <BarChart
            h={260}
            data={report.items.map((a) => ({ agent: a.name, handled: a.handled, openNow: a.openNow }))}
            dataKey="agent"
            series={[
              { name: 'handled', label: t('reports.agents.handled'), color: 'teal.6' },
              { name: 'openNow', label: t('reports.agents.openNow'), color: 'blue.6' },
            ]}
            withLegend
          />
          <NumbersTable
            caption={t('reports.agents.caption')}
            header={[
              t('reports.agents.agent'),
              t('reports.agents.handled'),
              t('reports.agents.openNow'),
              t('reports.agents.medianFirst'),
              t('reports.agents.medianResolution'),
              t('reports.agents.ratings'),
              t('reports.agents.averageRating'),
            ]}
            rows={report.items.map((a) => [
              a.name,
              a.handled,
              a.openNow,
              a.medianFirstResponseMinutes,
              a.medianResolutionMinutes,
              a.ratings,
              a.averageRating,
            ])}
          />
        </Stack>
      )}
    </ReportSection>
  );
}
