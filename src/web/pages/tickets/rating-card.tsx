import { Alert, Button, Card, Group, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingView, TicketDetail } from '../../../shared/contracts/tickets.js';
import { useRateTicket } from '../../api/conversation.hooks.js';
import { errorText } from '../../components/error-text.js';
import { useFormat } from '../../i18n/format.js';

/** Read-only stars with their comment (the customer after rating; staff on the side panel). */
export function RatingSummary({ rating }: { rating: RatingView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={4} data-testid="rating-summary">
      <Group gap="xs">
        <Rating value={rating.stars} readOnly aria-hidden />
        <Text size="sm">{t('chat.ratingStars', { count: rating.stars })}</Text>
      </Group>
      {rating.comment ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {rating.comment}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        <time dateTime={rating.createdAt}>{format.dateTime(rating.createdAt)}</time>
      </Text>
    </Stack>
  );
}

/** The customer of a resolved ticket rates the help once: 1 to 5 stars and an optional comment. */
export function RatingCard({ ticket, ticketKey }: { ticket: TicketDetail; ticketKey: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const rate = useRateTicket(ticketKey);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  if (!ticket.canRate) {
    if (!ticket.rating || ticket.status !== 'resolved') return null;
    return (
      <Alert variant="light" color="green" title={t('chat.ratingThanks')}>
        <RatingSummary rating={ticket.rating} />
      </Alert>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (stars < 1) {
      setProblem(t('chat.ratingRequired'));
      return;
    }
    const trimmed = comment.trim();
    rate.mutate(
      { stars, ...(trimmed ? { comment: trimmed } : {}) },
      { onError: (error) => setProblem(errorText(t, error)) },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5" id={titleId}>
            {t('chat.rateTitle')}
          </Title>
          <Rating
            value={stars}
            onChange={(value) => {
              setStars(value);
              setProblem(undefined);
            }}
            size="lg"
            getSymbolLabel={(value) => t('chat.ratingStars', { count: value })}
          />
          <Textarea
            label={t('chat.ratingComment')}
            autosize
            minRows={2}
            maxLength={2_000}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
          />
          {problem ? (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={rate.isPending}>
              {t('chat.rateSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
