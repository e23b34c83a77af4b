import {
  ActionIcon,
  Badge,
  Button,
  CloseButton,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type AttachmentView,
} from '../../../shared/contracts/attachments.js';
import { isApiError } from '../../api/client.js';
import { useRemoveAttachment, useUploadAttachment } from '../../api/conversation.hooks.js';
import { errorText } from '../../components/error-text.js';
import { PaperclipIcon } from '../../components/icons.js';
import type { PlaceholderValues } from '../../../shared/canned-placeholders.js';
import { CannedPicker } from './canned-picker.js';

interface Upload {
  key: string;
  fileName: string;
  /** Set once stored. */
  file?: AttachmentView;
}

export interface ComposedMessage {
  body: string;
  internal: boolean;
  attachments: AttachmentView[];
}

/**
 * The reply box under the thread; staff may switch it to an internal note (or, on a resolved ticket,
 * write notes only). Enter sends, Shift+Enter starts a new line; files are uploaded as they are picked.
 */
export function MessageComposer({
  ticketKey,
  allowInternal,
  notesOnly = false,
  onSend,
  onTyping,
  cannedValues,
}: {
  /** Staff: offers canned responses, filled in with these values. */
  cannedValues?: PlaceholderValues;
  ticketKey: string;
  allowInternal: boolean;
  notesOnly?: boolean;
  onSend: (message: ComposedMessage) => void;
  onTyping?: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [problem, setProblem] = useState<string | undefined>();
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const kindId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const upload = useUploadAttachment(ticketKey);
  const remove = useRemoveAttachment();
  const internal = notesOnly || (allowInternal && kind === 'note');
  const uploading = uploads.some((item) => !item.file);

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    if (!/\S/.test(body)) {
      setProblem(t('ticket.messageRequired'));
      return;
    }
    if (uploading) return;
    onSend({ body, internal, attachments: uploads.flatMap((item) => (item.file ? [item.file] : [])) });
    setBody('');
    setUploads([]);
    setProblem(undefined);
    setFileProblem(undefined);
  };

  /** Puts text where the caret is (replacing a selection), then leaves the caret after it. */
  const insert = (text: string) => {
    const field = textarea.current;
    const start = field?.selectionStart ?? body.length;
    const end = field?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + text + body.slice(end));
    setProblem(undefined);
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const pick = (files: FileList | null) => {
    setFileProblem(undefined);
    for (const picked of Array.from(files ?? [])) {
      if (uploads.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
        setFileProblem(t('chat.tooManyFiles', { count: MAX_ATTACHMENTS_PER_MESSAGE }));
        break;
      }
      const key = crypto.randomUUID();
      setUploads((list) => [...list, { key, fileName: picked.name }]);
      upload.mutate(picked, {
        onSuccess: (file) =>
          setUploads((list) => list.map((item) => (item.key === key ? { ...item, file } : item))),
        onError: (error) => {
          setUploads((list) => list.filter((item) => item.key !== key));
          const field = isApiError(error) ? error.fieldErrors.file : undefined;
          setFileProblem(
            isApiError(error) && error.status === 413
              ? t('chat.fileTooLarge', { name: picked.name })
              : isApiError(error) && error.status === 415
                ? t('chat.fileType', { name: picked.name })
                : field
                  ? `${picked.name}: ${field}`
                  : errorText(t, error),
          );
        },
      });
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const drop = (item: Upload) => {
    setUploads((list) => list.filter((other) => other.key !== item.key));
    if (item.file) remove.mutate(item.file.id);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {allowInternal && !notesOnly ? (
          <Group gap="sm" wrap="wrap">
            <Text id={kindId} size="sm" fw={500}>
              {t('ticket.kindLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby={kindId}
              size="xs"
              value={kind}
              onChange={(value) => setKind(value === 'note' ? 'note' : 'reply')}
              data={[
                { value: 'reply', label: t('ticket.reply') },
                { value: 'note', label: t('ticket.internal') },
              ]}
            />
          </Group>
        ) : null}
        <Textarea
          ref={textarea}
          label={internal ? t('ticket.noteLabel') : t('ticket.replyLabel')}
          description={internal ? t('ticket.internalHint') : t('chat.enterHint')}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={10_000}
          value={body}
          error={problem}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setProblem(undefined);
            onTyping?.();
          }}
          styles={internal ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined}
        />
        {uploads.length > 0 ? (
          <Group gap="xs" wrap="wrap" aria-label={t('chat.attachments')}>
            {uploads.map((item) => (
              <Badge
                key={item.key}
                variant="light"
                color="gray"
                radius="sm"
                size="lg"
                tt="none"
                data-uploading={item.file ? undefined : true}
                leftSection={item.file ? null : <Loader size={10} aria-label={t('chat.uploading')} />}
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('chat.removeFile', { name: item.fileName })}
                    onClick={() => drop(item)}
                  />
                }
              >
                {item.fileName}
              </Badge>
            ))}
          </Group>
        ) : null}
        {fileProblem ? (
          <Text size="sm" c="red" role="alert">
            {fileProblem}
          </Text>
        ) : null}
        <Group justify="space-between">
          <Group gap="xs">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('chat.attach')}
              title={t('chat.attachHint')}
              onClick={() => fileInput.current?.click()}
            >
              <PaperclipIcon />
            </ActionIcon>
            {cannedValues ? <CannedPicker values={cannedValues} onInsert={insert} /> : null}
          </Group>
          <input
            ref={fileInput}
            type="file"
            hidden
            multiple
            accept={ATTACHMENT_TYPES.join(',')}
            data-testid="attachment-input"
            onChange={(event) => pick(event.currentTarget.files)}
          />
          <Button type="submit" disabled={uploading} color={internal ? 'yellow' : undefined} autoContrast>
            {internal ? t('ticket.addNote') : t('ticket.sendReply')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
