import type {
  Envelope,
  FrameToPage,
  PageToFrame,
  WIDGET_PROTOCOL,
  WIDGET_PROTOCOL_VERSION,
  WidgetEventName,
} from '@tandem/protocol';

// The protocol's constants, typed against it (a runtime import would pull the package's build).
const PROTOCOL: typeof WIDGET_PROTOCOL = 'widget';
const VERSION: typeof WIDGET_PROTOCOL_VERSION = 1;

interface MessageLike {
  data: unknown;
  origin: string;
  source: unknown;
}

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  (value as Envelope).tandem === PROTOCOL &&
  (value as Envelope).v === VERSION &&
  typeof (value as Envelope).type === 'string';

/**
 * The page's message if it may be acted on: an envelope of protocol v1 from our parent window.
 * Before `init` only `init` is taken, and only when the page origin it claims is the origin the
 * browser reports for it; after, only messages from that origin.
 */
export function acceptPageMessage(
  event: MessageLike,
  parent: unknown,
  pageOrigin: string | undefined,
): PageToFrame | undefined {
  if (event.source !== parent || !isEnvelope(event.data)) return undefined;
  const message = event.data as PageToFrame;
  if (pageOrigin !== undefined) return event.origin === pageOrigin ? message : undefined;
  if (message.type !== 'init') return undefined;
  const claimed = (message.payload as { pageOrigin?: unknown } | undefined)?.pageOrigin;
  return typeof claimed === 'string' && claimed === event.origin && claimed !== 'null' ? message : undefined;
}

const originOf = (url: string | undefined) => {
  try {
    const origin = url ? new URL(url).origin : 'null';
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
};

/**
 * Where `ready` may go before the page has said who it is: the embedding page's origin as the
 * browser tells it (ancestorOrigins, else the referrer), else as the loader put it in the frame
 * URL (if that lies, the browser drops the message). Undefined when none is known: the loader
 * then sends `init` when the frame has loaded.
 */
export function readyTarget(
  ancestorOrigins: readonly string[] | undefined,
  referrer: string,
  claimed?: string,
): string | undefined {
  return originOf(ancestorOrigins?.[0]) ?? originOf(referrer) ?? originOf(claimed);
}

export interface Bridge {
  /** The verified page origin, once `init` came. */
  pageOrigin(): string | undefined;
  ready(): void;
  event(name: WidgetEventName, data?: unknown): void;
  reply(id: string | undefined, status: number, data: unknown): void;
  layout(open: boolean, unread: number): void;
  error(code: string, message: string): void;
  stop(): void;
}

/** The iframe's side of the postMessage protocol: explicit target origins, never '*'. */
export function createBridge(
  win: Window,
  onMessage: (message: PageToFrame) => void,
  claimedOrigin?: string,
): Bridge {
  let pageOrigin: string | undefined;
  const early = readyTarget(
    win.location.ancestorOrigins ? Array.from(win.location.ancestorOrigins) : undefined,
    win.document.referrer,
    claimedOrigin,
  );

  const listener = (event: MessageEvent) => {
    const message = acceptPageMessage(event, win.parent, pageOrigin);
    if (!message) return;
    if (message.type === 'init') pageOrigin = event.origin;
    onMessage(message);
  };
  win.addEventListener('message', listener);

  const post = (message: FrameToPage) => {
    const target = pageOrigin ?? early;
    if (!target || win.parent === win) return;
    win.parent.postMessage(message, target);
  };
  const envelope = <M extends FrameToPage>(type: M['type'], payload?: M['payload'], id?: string) =>
    ({
      tandem: PROTOCOL,
      v: VERSION,
      type,
      ...(id !== undefined ? { id } : {}),
      ...(payload !== undefined ? { payload } : {}),
    }) as FrameToPage;

  return {
    pageOrigin: () => pageOrigin,
    ready: () => post(envelope('ready')),
    event: (name, data = {}) => post(envelope('event', { name, data })),
    reply: (id, status, data) => {
      if (id !== undefined) post(envelope('reply', { status, data }, id));
    },
    layout: (open, unread) => post(envelope('layout', { open, unread })),
    error: (code, message) => post(envelope('error', { code, message })),
    stop: () => win.removeEventListener('message', listener),
  };
}
