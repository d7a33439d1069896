// widget.js: runs on customers' pages, so it has no dependencies, defines no global but
// window.TandemChat, keeps its styles in a shadow root, and stays under 3 KB gzipped
// (src/size-budget.test.ts). It talks to the iframe only per docs/widget-protocol.md.
import type {
  FrameToPage,
  PageToFrame,
  WidgetBootstrap,
  WidgetBootstrapRefused,
  WidgetInitOptions,
  WidgetUserFields,
} from '@tandem/protocol';
import { WIDGET_PROTOCOL, WIDGET_PROTOCOL_VERSION } from '@tandem/protocol';
import { CSS, strings } from './style.js';

type Reply = { status: number; data: unknown };
type Callback = (reply: Reply) => void;
type Listener = (data: unknown) => void;
type Settings = WidgetInitOptions & { onInit?: () => void };
/** A queued call of the inline snippet's stub: method path, arguments, its promise's settlers. */
type StubCall = [string, ArrayLike<unknown>, (value: unknown) => void, (error: unknown) => void];

const win = window as unknown as {
  TandemChat?: { q?: StubCall[]; isInitialized?: () => boolean };
  tandemChatSettings?: Settings;
};
const script = document.currentScript as HTMLScriptElement | null;
const scriptOrigin = script?.src ? new URL(script.src).origin : '';

let options: WidgetInitOptions | undefined;
let base = '';
let chatOrigin = '';
let siteId = '';
let bootstrap: WidgetBootstrap | undefined;
let root: HTMLElement | undefined;
let shadow: ShadowRoot | undefined;
let wrap: HTMLElement | undefined;
let frame: HTMLIFrameElement | undefined;
let button: HTMLButtonElement | undefined;
let badge: HTMLElement | undefined;
let text: [string, string, string] = ['', '', ''];
let initialized = false;
let loaded = false;
let opened = false;
let hidden = false;
let focusOnOpen = false;
let initSent = false;
/** Bumped by init and destroy, so a late bootstrap answer of a destroyed widget draws nothing. */
let generation = 0;
let counter = 0;
/** Calls that need the frame, replayed in order once it sent `widget:loaded`. */
let queue: (() => void)[] = [];
const pending: Record<string, Callback> = {};
const listeners: Record<string, Listener[]> = {};

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '') => {
  const node = document.createElement(tag);
  node.className = className;
  return node;
};
const later = (call: () => void) => (loaded ? call() : queue.push(call));
const post = (type: PageToFrame['type'], payload?: unknown, id?: string) =>
  frame?.contentWindow?.postMessage(
    { tandem: WIDGET_PROTOCOL, v: WIDGET_PROTOCOL_VERSION, type, id, payload },
    chatOrigin,
  );
const storageKey = () => `tandemchat:${options?.token}:${siteId}`;

/** The restore id kept in this page's localStorage (storage may be off: then nothing is kept). */
function stored(value?: string | null): string | undefined {
  try {
    if (value === undefined) return localStorage.getItem(storageKey()) ?? undefined;
    if (value === null) localStorage.removeItem(storageKey());
    else localStorage.setItem(storageKey(), value);
  } catch {
    // Storage blocked (privacy settings, sandboxed page): the visitor starts anew next time.
  }
  return undefined;
}

function emit(name: string, data?: unknown) {
  for (const listener of (listeners[name] ?? []).slice()) {
    try {
      listener(data);
    } catch (error) {
      console.error(error);
    }
  }
}

/** Logs why the widget cannot work, and answers the waiting user.* calls. */
function fail(message: string, status = 500) {
  console.error(`TandemChat: ${message}`);
  for (const id in pending) {
    pending[id]!({ status, data: { message } });
    delete pending[id];
  }
}

function request(type: PageToFrame['type'], payload?: unknown, callback?: Callback) {
  const id = `r${++counter}`;
  return new Promise<Reply>((resolve) => {
    pending[id] = (reply) => {
      resolve(reply);
      callback?.(reply);
    };
    later(() => post(type, payload, id));
  });
}

function init(settings: WidgetInitOptions) {
  if (initialized) return;
  if (!settings?.token || !(settings.host || scriptOrigin))
    return console.error('TandemChat: init needs { token }, and { host } unless widget.js came from Chat.');
  initialized = true;
  options = settings;
  base = (settings.host || scriptOrigin).replace(/\/+$/, '');
  siteId = settings.siteId || 'default';
  const query = `token=${encodeURIComponent(settings.token)}&site_id=${encodeURIComponent(siteId)}`;
  const mine = ++generation;
  fetch(`${base}/v2/widget/bootstrap?${query}`, { credentials: 'omit' })
    .then((response) => response.json())
    .then((answer: WidgetBootstrap | WidgetBootstrapRefused) => {
      if (mine !== generation) return;
      if (!answer.allowed) return fail(`the widget is not shown: ${answer.message}`, 403);
      bootstrap = answer;
      chatOrigin = new URL(base).origin;
      draw(query);
    })
    .catch((error) =>
      fail(
        `no widget for site ${siteId} on ${location.origin}: ${base}/v2/widget/bootstrap failed (${error})`,
      ),
    );
}

/** The launcher and the (hidden) iframe, in a shadow root so no style leaks either way. */
function draw(query: string) {
  const locale = options!.locale || navigator.language || 'en';
  text = strings(locale);
  const header = options!.config?.headerProperty ?? {};
  // The site's settings (decision 0011): its launcher side and colour, unless the page set them.
  const site = bootstrap!.settings.widget_settings;
  root = el('div');
  root.setAttribute('data-tandem-chat', '');
  shadow = root.attachShadow({ mode: 'open' });
  if (shadow.adoptedStyleSheets) {
    // A constructed sheet works on pages whose CSP forbids inline <style>.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else shadow.appendChild(el('style')).textContent = CSS;
  wrap = shadow.appendChild(
    el('div', `w${header.direction === 'rtl' || site.position === 'left' ? ' r' : ''}`),
  );
  frame = wrap.appendChild(el('iframe', 'f'));
  frame.title = text[1];
  // `init` goes on the frame's `ready`, or on its load should `ready` not reach this page.
  frame.onload = sendInit;
  initSent = false;
  frame.src = `${base}/widget/frame?${query}&origin=${encodeURIComponent(location.origin)}&locale=${encodeURIComponent(locale)}`;
  if (header.hideChatButton) wrap.className += ' n';
  else {
    button = wrap.appendChild(el('button', 'l'));
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.style.background = header.backgroundColor || site.color || '';
    badge = button.appendChild(el('span', 'b'));
    badge.setAttribute('aria-hidden', 'true');
    button.onclick = () => {
      focusOnOpen = !opened;
      if (opened) api.close();
      else api.open();
    };
    setLayout(false, 0);
  }
  root.style.display = hidden ? 'none' : '';
  window.addEventListener('message', onMessage);
  (document.body || document.documentElement).appendChild(root);
}

function setLayout(open: boolean, unread: number) {
  const was = opened;
  opened = open;
  wrap!.classList.toggle('o', open);
  if (button) {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', unread > 0 ? `${text[0]} (${unread} ${text[2]})` : text[0]);
    badge!.textContent = unread > 0 ? (unread > 9 ? '9+' : String(unread)) : '';
  }
  if (open === was) return;
  if (open && focusOnOpen) frame!.focus();
  if (!open && shadow!.activeElement === frame) button?.focus();
  focusOnOpen = false;
  emit(open ? 'widget:opened' : 'widget:closed');
}

function sendInit() {
  if (initSent) return;
  initSent = true;
  // A JSON round trip drops what postMessage cannot clone (onInit and other callbacks).
  post('init', {
    options: JSON.parse(JSON.stringify(options)),
    pageOrigin: location.origin,
    pageUrl: location.href,
    restoreId: options!.restoreId ?? (options!.externalId ? undefined : stored()),
    bootstrap,
  });
}

function onMessage(event: MessageEvent) {
  const data = event.data as FrameToPage | undefined;
  if (!frame || event.source !== frame.contentWindow || event.origin !== chatOrigin) return;
  if (data?.tandem !== WIDGET_PROTOCOL) return;
  if (data.v !== WIDGET_PROTOCOL_VERSION)
    return fail(
      `${chatOrigin} speaks protocol v${data.v}, this widget.js v${WIDGET_PROTOCOL_VERSION}: load widget.js from there, not a copy.`,
    );
  if (data.type === 'ready') sendInit();
  else if (data.type === 'layout') setLayout(!!data.payload?.open, data.payload?.unread ?? 0);
  else if (data.type === 'reply') {
    pending[data.id!]?.(data.payload!);
    delete pending[data.id!];
  } else if (data.type === 'error') {
    // A frame that never loaded leaves no dead launcher behind.
    if (!loaded) root?.remove();
    fail(data.payload?.message ?? 'the widget failed');
  } else if (data.type === 'event') {
    const { name, data: detail } = data.payload!;
    if (name === 'user:created') {
      const body = detail as { restoreId?: string; data?: { restoreId?: string } } | undefined;
      const restoreId = body?.data?.restoreId ?? body?.restoreId;
      if (restoreId) stored(restoreId);
    }
    // The loader shows, hides and removes the panel, so it alone tells these three.
    if (name !== 'widget:opened' && name !== 'widget:closed' && name !== 'widget:destroyed')
      emit(name, detail);
    if (name === 'widget:loaded' && !loaded) {
      loaded = true;
      const calls = queue;
      queue = [];
      calls.forEach((call) => call());
    }
  }
}

function destroy() {
  if (!initialized) return;
  post('destroy');
  window.removeEventListener('message', onMessage);
  root?.remove();
  root = shadow = wrap = frame = button = badge = bootstrap = undefined;
  initialized = loaded = opened = false;
  generation++;
  queue = [];
  emit('widget:destroyed');
}

/** window.TandemChat: chat-v2.md B8's widget API. */
const api = {
  init,
  open: (params?: { replyText?: string }) =>
    later(() => post('open', params?.replyText !== undefined ? { replyText: params.replyText } : {})),
  close: () => later(() => post('close')),
  show() {
    hidden = false;
    if (root) root.style.display = '';
  },
  hide() {
    hidden = true;
    if (root) root.style.display = 'none';
  },
  isOpen: () => opened,
  isLoaded: () => loaded,
  isInitialized: () => initialized,
  destroy,
  on(name: string, listener: Listener) {
    (listeners[name] ??= []).push(listener);
  },
  off(name: string, listener: Listener) {
    listeners[name] = (listeners[name] ?? []).filter((l) => l !== listener);
  },
  user: {
    get: (callback?: Callback) => request('user:get', undefined, callback),
    setProperties: (fields: WidgetUserFields, callback?: Callback) =>
      request('user:setProperties', fields, callback),
    clear(callback?: Callback) {
      if (options) stored(null);
      return request('user:clear', undefined, callback);
    },
  },
};

if (!win.TandemChat?.isInitialized) {
  const stub = win.TandemChat;
  win.TandemChat = api;
  // Calls made on the inline snippet's stub before this script ran, replayed in their order.
  for (const [path, args, resolve, reject] of stub?.q ?? []) {
    try {
      const [head, tail] = path.split('.') as [keyof typeof api, string?];
      const target = (tail ? (api[head] as Record<string, unknown>)[tail] : api[head]) as (
        ...a: unknown[]
      ) => unknown;
      resolve(target(...Array.from(args)));
    } catch (error) {
      reject(error);
    }
  }
  const settings = win.tandemChatSettings;
  if (settings && !initialized) {
    settings.onInit?.();
    init(settings);
  }
}
