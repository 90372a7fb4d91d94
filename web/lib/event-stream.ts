import { useEffect, useRef, useState } from 'react';

/** How a live screen stands with its server-sent events. */
export type StreamLink = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** How long to wait before opening the stream again when the browser has given up on it. */
const RETRY_MS = 5000;

export interface EventStreamOptions<T> {
  /** The stream's address; null opens nothing (yet). */
  url: string | null;
  /** The event whose JSON data is handed to `onData`. */
  event: string;
  onData: (data: T) => void;
  /**
   * Run before each opening (attempt 0 first, then after every refusal): read the data once, which
   * tells a refusal for good (answer false: the stream is not opened again) from a passing failure
   * (throw: tried again after a pause).
   */
  prepare?: (attempt: number) => Promise<boolean>;
}

/**
 * Follows a server-sent event stream. The browser's EventSource reconnects by itself after a
 * dropped connection or a stream the server ended; after a refusal (a server restarting, too many
 * screens, a session ended) it stops, so this opens it again after a pause, `prepare` first.
 */
export function useEventStream<T>({ url, event, onData, prepare }: EventStreamOptions<T>): StreamLink {
  const [link, setLink] = useState<StreamLink>('connecting');
  // The latest callbacks, without opening the stream again each time the screen renders.
  const onDataRef = useRef(onData);
  const prepareRef = useRef(prepare);
  useEffect(() => {
    onDataRef.current = onData;
    prepareRef.current = prepare;
  });

  useEffect(() => {
    if (!url) return;
    let stopped = false;
    let attempt = 0;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      if (!stopped) timer = setTimeout(() => void open(), RETRY_MS);
    };
    const open = async () => {
      const ready = prepareRef.current;
      if (ready) {
        try {
          if (!(await ready(attempt++))) {
            if (!stopped) setLink('stopped');
            return;
          }
        } catch {
          if (!stopped) setLink('reconnecting');
          return again();
        }
      }
      if (stopped) return;
      source = new EventSource(url);
      source.addEventListener(event, (e) => {
        onDataRef.current(JSON.parse((e as MessageEvent<string>).data) as T);
        setLink('live');
      });
      source.onerror = () => {
        setLink('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          again();
        }
      };
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url, event]);

  return link;
}
