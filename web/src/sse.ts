// Server-Sent Events read with fetch (EventSource cannot send the token header): an incremental
// parser of the text/event-stream format, and a reader that reconnects with Last-Event-ID.

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Feed it chunks as they arrive (split anywhere, even inside a line); it returns whole events. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;
  private sawField = false;
  /** The last id seen, kept across events as the spec says (for Last-Event-ID). */
  lastEventId: string | null = null;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone '\r' at the very end may be the first half of "\r\n": wait for more.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.sawField = true;
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): SseMessage | null {
    if (!this.sawField) return null;
    if (this.id !== null) this.lastEventId = this.id;
    const msg =
      this.data.length > 0
        ? { id: this.lastEventId, event: this.event || 'message', data: this.data.join('\n') }
        : null;
    this.data = [];
    this.event = '';
    this.id = null;
    this.sawField = false;
    return msg;
  }
}

export interface StreamOptions {
  /** Opens the stream, resuming after lastEventId when given. */
  open: (lastEventId: string | null, signal: AbortSignal) => Promise<Response>;
  onMessage: (msg: SseMessage) => void;
  /** Called with true when connected, false when the stream dropped (before a retry). */
  onConnection?: (connected: boolean) => void;
  /** Delay before reconnecting, in ms (grows up to 5 s while the server stays away). */
  retryMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Reads the stream until `signal` aborts, reconnecting after drops with Last-Event-ID so no
 * event is seen twice or missed. Resolves when aborted.
 */
export async function followStream(opts: StreamOptions, signal: AbortSignal): Promise<void> {
  const sleep = opts.sleep ?? defaultSleep;
  const baseDelay = opts.retryMs ?? 500;
  let delay = baseDelay;
  let lastId: string | null = null;
  while (!signal.aborted) {
    const parser = new SseParser();
    try {
      const res = await opts.open(lastId, signal);
      opts.onConnection?.(true);
      delay = baseDelay;
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const msg of parser.feed(decoder.decode(value, { stream: true }))) {
          if (msg.id !== null) lastId = msg.id;
          opts.onMessage(msg);
        }
      }
    } catch {
      /* dropped or refused: retry below */
    }
    if (signal.aborted) break;
    opts.onConnection?.(false);
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 5000);
  }
}
