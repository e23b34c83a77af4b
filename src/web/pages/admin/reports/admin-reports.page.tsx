import { Group, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveAgents } from '../../../api/agents.hooks.js';
import { useCategories } from '../../../api/catalog.hooks.js';
import { PageHeader } from '../../../components/page-header.js';
import { defaultRange, type ReportFilters } from './admin-reports.hooks.js';
import {
  AgentsSection,
  BacklogSection,
  ResponseTimesSection,
  SatisfactionSection,
  VolumeSection,
} from './admin-reports.sections.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `/admin/reports`: the reports for a date range (last 30 days by default), a category and an agent. */
export function AdminReportsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState(defaultRange);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const categories = useCategories(true);
  const agents = useActiveAgents();
  // A half-typed or backwards range keeps showing the last good one.
  const [filters, setFilters] = useState<ReportFilters>(range);
  const applied: ReportFilters = {
    ...filters,
    categoryId: categoryId ?? undefined,
    agentId: agentId ?? undefined,
  };

  function changeRange(next: { from: string; to: string }) {
    setRange(next);
    if (DAY.test(next.from) && DAY.test(next.to) && next.from <= next.to) setFilters(next);
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('reports.title')} description={t('reports.intro')} />
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('reports.from')}
          value={range.from}
          max={range.to}
          onChange={(event) => changeRange({ ...range, from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={range.to}
          min={range.from}
          onChange={(event) => changeRange({ ...range, to: event.currentTarget.value })}
        />
        <Select
          label={t('reports.category')}
          placeholder={t('reports.allCategories')}
          clearable
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={categoryId}
          onChange={setCategoryId}
        />
        <Select
          label={t('reports.agent')}
          placeholder={t('reports.allAgents')}
          clearable
          searchable
          data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.fullName }))}
          value={agentId}
          onChange={setAgentId}
        />
      </Group>
      <VolumeSection filters={applied} />
      <BacklogSection filters={applied} />
      <ResponseTimesSection filters={applied} />
      <SatisfactionSection filters={applied} />
      <AgentsSection filters={applied} />
    </Stack>
  );
}
