/**
 * The widget's postMessage protocol, version 1: what the loader on the host page (widget.js) and
 * the iframe app (served by Chat) say to each other. docs/widget-protocol.md is its prose.
 *
 * Rules both sides keep:
 * - Every message is an envelope `{ tandem: 'widget', v: 1, type, id?, payload? }`; anything else
 *   (other scripts' messages, other versions) is ignored.
 * - The loader posts to the iframe with targetOrigin = Chat's origin (from `host`); the iframe
 *   posts to the page with targetOrigin = the page origin it was told in `init` and verified from
 *   `event.origin`. Never '*'.
 * - Each side checks `event.origin` (loader: Chat's origin; iframe: the page origin) and
 *   `event.source` (loader: its iframe's contentWindow; iframe: window.parent) on every message.
 */

export const WIDGET_PROTOCOL = 'widget' as const;
export const WIDGET_PROTOCOL_VERSION = 1 as const;

export interface Envelope<T extends string = string, P = unknown> {
  tandem: typeof WIDGET_PROTOCOL;
  v: typeof WIDGET_PROTOCOL_VERSION;
  type: T;
  /** Set on requests that expect a `reply` with the same id. */
  id?: string;
  payload?: P;
}

/** User fields a page may set (chat-v2.md B8 names); `meta` holds custom user properties. */
export interface WidgetUserFields {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  locale?: string;
  meta?: Record<string, string | number | boolean | null>;
}

/** `init` options as the page gave them to `TandemChat.init` (chat-v2.md B8 shape). */
export interface WidgetInitOptions extends WidgetUserFields {
  /** The account's widget token. */
  token: string;
  /** Chat's base URL, e.g. https://chat.example.com (defaults to the origin widget.js came from). */
  host?: string;
  siteId?: string;
  externalId?: string;
  /** HMAC-SHA256 hex of externalId (identity verification). */
  externalIdSignature?: string;
  /** Or an HS256 JWT whose `sub` is the external id. */
  jwt?: string;
  restoreId?: string;
  /** Open the panel as soon as the widget has loaded. */
  open?: boolean;
  config?: {
    /** `rtl` mirrors the launcher position and the panel. */
    headerProperty?: { hideChatButton?: boolean; direction?: 'ltr' | 'rtl'; backgroundColor?: string };
    /** Label overrides, per locale key. */
    content?: Record<string, string>;
  };
}

/**
 * `GET {host}/v2/widget/bootstrap?token=…&site_id=…` (public; CORS for the asking page): what the
 * loader checks before drawing anything, and what the frame needs to draw before a session.
 * The loader passes it on in `init` (below), so the frame need not fetch it again.
 */
export interface WidgetBootstrap {
  allowed: true;
  app_id: string;
  site: { id: string; name: string };
  /** Whether any agent is available now (live changes come over the socket, `team:availability`). */
  team_available: boolean;
  settings: {
    /** External ids must be signed (`externalIdSignature` or `jwt`), else the session is refused. */
    identity_verification: boolean;
    /** Largest upload the server takes (bytes). */
    upload_max_bytes: number;
    /** Per-site widget settings (docs/decisions/0011-chat-site-widget-settings.md). */
    widget_settings: WidgetSiteSettings;
  };
}

/** A text an admin gave per language, or one for all; `null`: the widget's own. */
export type WidgetLocalText = string | { en?: string; ja?: string } | null;

/** The widget's view of a site's settings (`settings.widget_settings` of the bootstrap). */
export interface WidgetSiteSettings {
  /** `message`: the site's text above the form, per language; absent: the widget's own. */
  prechat: { enabled: boolean; fields: WidgetPrechatField[]; message?: { en?: string; ja?: string } };
  greeting?: { en?: string; ja?: string } | null;
  /** `#rrggbb`, lower-case; `null`: the widget's own. */
  color?: string | null;
  /** The launcher's side; `null` or absent: right. */
  position?: 'right' | 'left' | null;
}

export interface WidgetPrechatField {
  /** `first_name`, `last_name`, `email`, `phone`, or a declared user property `cf_…`. */
  name: string;
  label?: WidgetLocalText;
  required: boolean;
  /** Only on `cf_` fields: how to render and type the answer (`choices` filled for dropdowns). */
  property?: {
    type: 'text' | 'number' | 'boolean' | 'date' | 'dropdown';
    label: string;
    choices: string[];
  };
}

/** The bootstrap's refusal (401 bad token, 404 unknown site, 403 origin not allowed). */
export interface WidgetBootstrapRefused {
  allowed: false;
  code: string;
  /** Says why and where to fix it (site id, origin, allowed_origins); the loader logs it. */
  message: string;
}

/** Page → iframe. */
export type PageToFrame =
  /**
   * The options, the page origin and URL; sent once the iframe said `ready`. `restoreId` is the
   * one to use (options.restoreId, else the one the loader kept, unless options.externalId is
   * set); `bootstrap` (added in v1, optional) is the loader's bootstrap answer.
   */
  | Envelope<
      'init',
      {
        options: WidgetInitOptions;
        pageOrigin: string;
        pageUrl: string;
        restoreId?: string;
        bootstrap?: WidgetBootstrap;
      }
    >
  /** Show the panel; `replyText` pre-fills the composer. */
  | Envelope<'open', { replyText?: string }>
  | Envelope<'close'>
  /** Requests answered by `reply` (same id) with `{status, data}` as B8's user methods. */
  | Envelope<'user:get'>
  | Envelope<'user:setProperties', WidgetUserFields>
  | Envelope<'user:clear'>
  | Envelope<'destroy'>;

/** The page-facing events (chat-v2.md B8 names). */
export type WidgetEventName =
  | 'widget:loaded'
  | 'widget:opened'
  | 'widget:closed'
  | 'widget:destroyed'
  | 'user:created'
  | 'user:cleared'
  | 'message:sent'
  | 'message:received'
  | 'unreadCount:notify'
  | 'csat:received'
  | 'conversation:resolved';

/**
 * Iframe → page. Notes for the frame (from the loader's side, F):
 * - The iframe URL is `{host}/widget/frame?token=…&site_id=…&origin=<page origin>&locale=…`.
 *   `origin` is one more way to know where to post `ready` (after ancestorOrigins/referrer; if
 *   it lies, the browser drops the message). The loader sends `init` once: on `ready`, or on
 *   the iframe's load event if `ready` never reached it, so listen from the first module run.
 * - The loader sends `open`/`close`/`user:*`/`destroy` only after the frame's `widget:loaded`
 *   event (it queues earlier calls), so send `widget:loaded` once the frame can take them, or an
 *   `error` if it never will. options.open is the frame's to honour (the loader does not).
 * - `widget:opened`, `widget:closed` and `widget:destroyed` are emitted by the loader (it shows
 *   and removes the panel, from `layout` and `destroy`); the same events from the frame are
 *   ignored, so listeners hear each once.
 */
export type FrameToPage =
  /** The iframe app is running and waits for `init`. */
  | Envelope<'ready'>
  /**
   * The panel wants to be shown or hidden (the loader sizes the iframe and draws the launcher):
   * send it after `open`/`close` requests, the frame's own close button, and unread changes.
   */
  | Envelope<'layout', { open: boolean; unread: number }>
  /**
   * A page event to dispatch to `on(...)` listeners, `data` passed as is. For `user:created`,
   * send B8's shape `{status: 200, data: {restoreId, externalId?}}` (Freshchat pages read
   * `resp.data.restoreId`); the loader keeps the restore id (it also accepts `{restoreId}`) in
   * the page's localStorage so the next page load restores the user.
   */
  | Envelope<'event', { name: WidgetEventName; data: unknown }>
  /** The answer to a request: `{status: 200|401|404|…, data}`. */
  | Envelope<'reply', { status: number; data: unknown }>
  /** Initialisation failed (bad token, origin not allowed…): the loader logs `message` to the console. */
  | Envelope<'error', { code: string; message: string }>;

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Envelope).tandem === WIDGET_PROTOCOL &&
    (value as Envelope).v === WIDGET_PROTOCOL_VERSION &&
    typeof (value as Envelope).type === 'string'
  );
}

export function envelope<M extends Envelope>(type: M['type'], payload?: M['payload'], id?: string): Envelope {
  return {
    tandem: WIDGET_PROTOCOL,
    v: WIDGET_PROTOCOL_VERSION,
    type,
    ...(id !== undefined ? { id } : {}),
    ...(payload !== undefined ? { payload } : {}),
  };
}
