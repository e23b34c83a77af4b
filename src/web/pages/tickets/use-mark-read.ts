import { useEffect, useRef, useState } from 'react';
import { useMarkRead } from '../../api/conversation.hooks.js';

const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

/** While the page is open and visible, tells the server the newest message on screen was read. */
export function useMarkReadOnView(ticketKey: string, newestId: string | undefined, unread: boolean) {
  const markRead = useMarkRead(ticketKey);
  const marked = useRef<string | undefined>(undefined);
  const [visible, setVisible] = useState(isVisible);
  const { mutate } = markRead;

  useEffect(() => {
    const changed = () => setVisible(isVisible());
    document.addEventListener('visibilitychange', changed);
    return () => document.removeEventListener('visibilitychange', changed);
  }, []);

  useEffect(() => {
    if (!visible || !newestId || marked.current === newestId) return;
    // Nothing new since the page opened: no need to write (the server says what is unread).
    if (marked.current === undefined && !unread) {
      marked.current = newestId;
      return;
    }
    marked.current = newestId;
    mutate(newestId);
  }, [visible, newestId, unread, mutate]);
}
