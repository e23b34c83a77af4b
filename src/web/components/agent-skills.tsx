import { Checkbox, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../shared/contracts/agents.js';
import type { CategoryView } from '../../shared/contracts/categories.js';
import { LANGUAGES, type Language } from '../../shared/languages.js';

/** Checkboxes of the categories an agent handles. */
export function CategoryChoice({
  label,
  categories,
  value,
  onChange,
  error,
}: {
  label: string;
  categories: Pick<CategoryView, 'id' | 'name'>[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error} withAsterisk>
      <Group gap="md" mt={6}>
        {categories.map((category) => (
          <Checkbox key={category.id} value={category.id} label={category.name} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** Checkboxes of the languages an agent speaks, each named in its own script. */
export function LanguageChoice({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: Language[];
  onChange: (languages: Language[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={label}
      value={value}
      onChange={(next) => onChange(LANGUAGES.filter((language) => next.includes(language)))}
      error={error}
      withAsterisk
    >
      <Group gap="md" mt={6}>
        {LANGUAGES.map((language) => (
          <Checkbox
            key={language}
            value={language}
            label={<span lang={language}>{t(`language.${language}`)}</span>}
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** "Returns, Payments" / "English, हिन्दी" in a table cell. */
export function SkillList({ items }: { items: string[] }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c={items.length ? undefined : 'dimmed'}>
      {items.length ? items.join(', ') : t('common.none')}
    </Text>
  );
}

/** An agent's categories and languages as two table cells. */
export function SkillCells({ agent }: { agent: Pick<AgentView, 'categories' | 'languages'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>
        <SkillList items={agent.categories.map((category) => category.name)} />
      </Table.Td>
      <Table.Td>
        <SkillList items={agent.languages.map((language) => t(`language.${language}`))} />
      </Table.Td>
    </>
  );
}
