import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { LiveSignal } from '../../shared/contracts/live.js';
import { queryKeys } from '../api/query-keys.js';
import { applyLiveEvent } from './live-cache.js';
import { useSlaBreachToast } from './sla-breach-toast.js';
import { LiveConnection, liveUrl, type LiveStatus } from './live-connection.js';

/** A typing signal shows for this long after the last one (the server sends one every 2 s at most). */
export const TYPING_SHOWN_MS = 4_000;
const TYPING_SEND_EVERY_MS = 1_500;

interface Typist {
  ticketId: string;
  userId: string;
  fullName: string;
  until: number;
}

/** Signals (typing, presence) kept outside React Query: they are never fetched, only heard. */
class SignalStore {
  private listeners = new Set<() => void>();
  typists: Typist[] = [];
  presence: Record<string, boolean> = {};

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed() {
    for (const listener of this.listeners) listener();
  }

  apply(signal: LiveSignal, now: number) {
    if (signal.type === 'presence') {
      this.presence = { ...this.presence, [signal.userId]: signal.online };
    } else {
      const others = this.typists.filter(
        (typist) => !(typist.ticketId === signal.ticketId && typist.userId === signal.user.id),
      );
      this.typists = [
        ...others,
        {
          ticketId: signal.ticketId,
          userId: signal.user.id,
          fullName: signal.user.fullName,
          until: now + TYPING_SHOWN_MS,
        },
      ];
    }
    this.changed();
  }

  /** Forgets typists whose last signal is old; true when someone was dropped. */
  expire(now: number) {
    const kept = this.typists.filter((typist) => typist.until > now);
    if (kept.length === this.typists.length) return;
    this.typists = kept;
    this.changed();
  }

  /** A message from someone ends their typing at once. */
  stopTyping(ticketId: string, userId: string) {
    const kept = this.typists.filter((typist) => !(typist.ticketId === ticketId && typist.userId === userId));
    if (kept.length === this.typists.length) return;
    this.typists = kept;
    this.changed();
  }
}

interface LiveContextValue {
  status: LiveStatus;
  /** Lost after being open (or never reached): the header says it is reconnecting. */
  down: boolean;
  signals: SignalStore;
  watch: (ticketId: string | null) => void;
  typing: (ticketId: string) => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/**
 * One live connection per signed-in tab: events update the query cache (lists, tickets, threads),
 * signals feed the typing and presence hooks.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [down, setDown] = useState(false);
  const signals = useMemo(() => new SignalStore(), []);
  const connection = useRef<LiveConnection | null>(null);
  const lastTyping = useRef<Record<string, number>>({});
  const breachToast = useSlaBreachToast();

  useEffect(() => {
    const live = new LiveConnection(liveUrl(window.location), {
      onEvent(event) {
        if (event.type === 'message.created' && event.ticketId) {
          const author = (event.data as { author?: { id?: string } }).author;
          if (author?.id) signals.stopTyping(event.ticketId, author.id);
        }
        applyLiveEvent(queryClient, event);
        breachToast.current(event);
      },
      onSignal: (signal) => signals.apply(signal, Date.now()),
      onReload: () => void queryClient.invalidateQueries({ queryKey: queryKeys.tickets }),
      onStatus(next) {
        setStatus(next);
        // The first 'connecting' is not news; a close is, until the connection is open again.
        if (next === 'closed') setDown(true);
        if (next === 'open') setDown(false);
      },
      onSignedOut: () => void queryClient.invalidateQueries({ queryKey: queryKeys.session }),
    });
    connection.current = live;
    live.start();
    const expiry = setInterval(() => signals.expire(Date.now()), 1_000);
    return () => {
      clearInterval(expiry);
      live.stop();
      connection.current = null;
    };
  }, [queryClient, signals, breachToast]);

  const watch = useCallback((ticketId: string | null) => connection.current?.watch(ticketId), []);
  const typing = useCallback((ticketId: string) => {
    const now = Date.now();
    if (now - (lastTyping.current[ticketId] ?? 0) < TYPING_SEND_EVERY_MS) return;
    lastTyping.current[ticketId] = now;
    connection.current?.typing(ticketId);
  }, []);

  const value = useMemo(
    () => ({ status, down, signals, watch, typing }),
    [status, down, signals, watch, typing],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

function useLive(): LiveContextValue | null {
  return useContext(LiveContext);
}

/** 'open' outside a LiveProvider too, so nothing claims to be reconnecting where nothing is live. */
export function useLiveStatus(): LiveStatus {
  return useLive()?.status ?? 'open';
}

/** True while the connection is lost and being re-established. */
export function useLiveDown(): boolean {
  return useLive()?.down ?? false;
}

const NO_SIGNALS = new SignalStore();

/** Whether a user is online, as far as this tab has heard (undefined: not known yet). */
export function useTicketPresence(userId: string | null | undefined): boolean | undefined {
  const signals = useLive()?.signals ?? NO_SIGNALS;
  const presence = useSyncExternalStore(signals.subscribe, () => signals.presence);
  return userId ? presence[userId] : undefined;
}

/** The names of the people typing on a ticket now (never the signed-in user: the server skips them). */
export function useTyping(ticketId: string): string[] {
  const signals = useLive()?.signals ?? NO_SIGNALS;
  const typists = useSyncExternalStore(signals.subscribe, () => signals.typists);
  return useMemo(
    () => typists.filter((typist) => typist.ticketId === ticketId).map((typist) => typist.fullName),
    [typists, ticketId],
  );
}

/** Tells the server which ticket is open while the caller is mounted; returns a throttled "I am typing". */
export function useWatchTicket(ticketId: string): () => void {
  const live = useLive();
  const watch = live?.watch;
  const typing = live?.typing;
  const status = live?.status;
  useEffect(() => {
    if (!watch || status !== 'open') return;
    watch(ticketId);
    return () => watch(null);
  }, [watch, ticketId, status]);
  return useCallback(() => typing?.(ticketId), [typing, ticketId]);
}
