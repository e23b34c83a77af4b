import { Button, Combobox, Group, Loader, Text, useCombobox } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fillPlaceholders, type PlaceholderValues } from '../../../shared/canned-placeholders.js';
import { useCannedResponses } from '../../api/canned-responses.hooks.js';

/**
 * "Canned response": a button opening a searchable list of the staff member's reusable replies
 * (arrow keys move, Enter picks, Escape closes). The picked one is handed over as plain text with
 * its placeholders filled in.
 */
export function CannedPicker({
  values,
  onInsert,
}: {
  values: PlaceholderValues;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
      setOpen(false);
    },
    onDropdownOpen: () => {
      setOpen(true);
      combobox.focusSearchInput();
    },
  });
  const responses = useCannedResponses(search, undefined, open);
  const items = responses.data?.items ?? [];

  return (
    <Combobox
      store={combobox}
      width={340}
      position="top-start"
      withinPortal={false}
      onOptionSubmit={(id) => {
        const picked = items.find((item) => item.id === id);
        if (picked) onInsert(fillPlaceholders(picked.body, values));
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target withAriaAttributes={false}>
        <Button
          variant="default"
          size="sm"
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
          onClick={() => combobox.toggleDropdown()}
        >
          {t('canned.insert')}
        </Button>
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Search
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.updateSelectedOptionIndex();
          }}
          placeholder={t('canned.searchPlaceholder')}
          aria-label={t('canned.search')}
        />
        <Combobox.Options mah={260} style={{ overflowY: 'auto' }} aria-label={t('canned.listLabel')}>
          {responses.isPending ? (
            <Combobox.Empty>
              <Loader size="xs" aria-label={t('app.loading')} />
            </Combobox.Empty>
          ) : items.length === 0 ? (
            <Combobox.Empty>{search.trim() ? t('canned.noMatch') : t('canned.none')}</Combobox.Empty>
          ) : (
            items.map((item) => (
              <Combobox.Option value={item.id} key={item.id}>
                <Group gap={6} wrap="nowrap" justify="space-between">
                  <Text size="sm" fw={500} truncate>
                    {item.title}
                  </Text>
                  {item.shared ? (
                    <Text size="xs" c="dimmed">
                      {t('canned.sharedShort')}
                    </Text>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {item.body}
                </Text>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
