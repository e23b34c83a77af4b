import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

const LINK = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that usually ends the sentence around a link rather than the link itself. */
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * A message as text with its http(s) links clickable. Nothing is parsed as HTML: every piece is a
 * React text node or an <a> whose href is a link we matched, so no message can run script.
 */
export function MessageBody({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <Anchor key={start} href={url} target="_blank" rel="noopener noreferrer" inherit>
        {url}
      </Anchor>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
