import { TagsInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAG_NAME_MAX, TAGS_PER_TICKET } from '../../../shared/contracts/tags.js';
import { useSetTicketTags, useTagSuggestions } from '../../api/tags.hooks.js';
import { errorText } from '../../components/error-text.js';

/**
 * The ticket's tags (staff only): type a name and press Enter or a comma; existing tags are
 * suggested as you type. Every change is saved at once.
 */
export function TicketTags({ ticketKey, tags }: { ticketKey: string; tags: string[] }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(tags);
  const [search, setSearch] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const suggestions = useTagSuggestions(search);
  const save = useSetTicketTags(ticketKey);
  const saved = tags.join('\n');

  // The ticket was read again (after a save here, or a change elsewhere): show what is stored.
  useEffect(() => setValue(saved ? saved.split('\n') : []), [saved]);

  const change = (next: string[]) => {
    const names = next.map((name) => name.trim()).filter(Boolean);
    if (names.some((name) => name.length > TAG_NAME_MAX)) {
      setProblem(t('tags.tooLong', { max: TAG_NAME_MAX }));
      return;
    }
    setProblem(undefined);
    setValue(names);
    save.mutate(names, {
      onError: (error) => {
        setValue(saved ? saved.split('\n') : []);
        setProblem(errorText(t, error));
      },
    });
  };

  return (
    <TagsInput
      label={t('tags.label')}
      description={t('tags.hint', { max: TAGS_PER_TICKET })}
      placeholder={value.length < TAGS_PER_TICKET ? t('tags.placeholder') : undefined}
      value={value}
      onChange={change}
      searchValue={search}
      onSearchChange={setSearch}
      data={(suggestions.data?.items ?? []).map((tag) => tag.name)}
      maxTags={TAGS_PER_TICKET}
      maxLength={TAG_NAME_MAX}
      splitChars={[',']}
      clearable
      error={problem}
      comboboxProps={{ withinPortal: false }}
    />
  );
}
