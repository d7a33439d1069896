import type {
  MessageNew,
  PageToFrame,
  ReadReceipt,
  RealtimeError,
  TypingEvent,
  UserConversationUpdate,
  UserMessage,
  WidgetInitOptions,
  WidgetUserFields,
} from '@tandem/protocol';
import { ApiError, createApi, type Bootstrap, type WidgetConversation } from './api.js';
import { createBridge } from './bridge.js';
import {
  changesUser,
  meBodyOf,
  meBodyOfPageFields,
  pageUserOf,
  prechatConfigOf,
  prechatNeeded,
  serverFieldErrors,
  fieldProblem,
  type WidgetUser,
} from './forms.js';
import { createTranslate, directionOf, formatSize, localTextOf, pickLocale, type StringKey } from './i18n.js';
import { uuid } from './ids.js';
import {
  createDelivery,
  outboxKey,
  type Delivery,
  type KeyValueStorage,
  type OutboxEntry,
} from './outbox.js';
import { DEFAULT_MAX_UPLOAD, summaryOf, uploadProblem, type PartView } from './parts.js';
import { connectRealtime, type Realtime } from './socket.js';
import { conversationUpdated, initialState, unreadOf, withConversation, type AppState } from './state.js';
import { createStore } from './store.js';
import {
  addPending,
  agentRead,
  dropPending,
  emptyTimeline,
  markFailed,
  markRead,
  markSending,
  markSent,
  receive,
} from './timeline.js';

const HISTORY_PAGE = 100;
const AGENT_TYPING_MS = 8000;
const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** Storage that may be unavailable (third-party iframes, privacy modes): then nothing is kept. */
function storageOf(get: () => Storage): KeyValueStorage | undefined {
  try {
    const storage = get();
    const probe = 'tandem:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

const readJson = <T>(storage: KeyValueStorage | undefined, key: string): T | undefined => {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
};
const writeJson = (storage: KeyValueStorage | undefined, key: string, value: unknown) => {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: this page still works, the next one starts afresh.
  }
};

interface CachedSession {
  /** Whom it was opened for: `x:<external id>`, `r:<restore id>`. */
  identity: string;
  token: string;
  restoreId?: string;
  /** Opened for a new anonymous visitor. */
  anonymous: boolean;
}

export interface FrameParams {
  widgetToken: string;
  siteId: string;
  /** The page origin and locale the loader put in the frame URL (hints until `init`). */
  origin?: string;
  locale?: string;
}

/**
 * The widget's brain: the page protocol, the session, history and realtime, the delivery
 * contract, and every action the views can take. Views only read the store and call these.
 */
export function createController(win: Window, params: FrameParams) {
  const { widgetToken, siteId } = params;
  const api = createApi();
  const nav = win.navigator;
  const store = createStore<AppState>(
    initialState(pickLocale(params.locale, nav.languages ?? [nav.language]), DEFAULT_MAX_UPLOAD),
  );
  const local = storageOf(() => win.localStorage);
  const session = storageOf(() => win.sessionStorage);
  const sessionKey = `tandem:session:${widgetToken}:${siteId}`;

  let options: WidgetInitOptions | undefined;
  /** The loader's bootstrap answer (init), else fetched here. */
  let bootstrap: Bootstrap | undefined;
  let restoreId: string | undefined;
  let appId: string | undefined;
  let realtime: Realtime | undefined;
  let delivery: Delivery | undefined;
  let started: Promise<boolean> = Promise.resolve(false);
  let historyLoaded = false;
  let lastUnread = 0;
  let typingSentAt = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshedAt = 0;
  /** Whether the last handshake already asked to resume the loaded history. */
  let handshakeResumed = false;

  const get = store.get;
  const set = (change: Partial<AppState> | ((s: AppState) => Partial<AppState>)) =>
    store.update((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
  const t = (key: StringKey, vars?: Record<string, string | number>) =>
    createTranslate(get().locale, get().overrides)(key, vars);
  const userKey = (kind: string) => `tandem:${kind}:${widgetToken}:${siteId}:${get().user?.id ?? ''}`;
  const base = win.location.origin;

  const bridge = createBridge(win, (message) => onPageMessage(message), params.origin);

  // ---- the page ------------------------------------------------------------------------------

  function notifyUnread() {
    const unread = unreadOf(get());
    if (unread === lastUnread) return;
    lastUnread = unread;
    bridge.layout(get().open, unread);
    bridge.event('unreadCount:notify', { count: unread });
  }

  function applyPresentation(init: WidgetInitOptions) {
    const header = init.config?.headerProperty;
    const locale = pickLocale(init.locale, nav.languages ?? [nav.language]);
    const dir = directionOf(init.locale, header?.direction);
    set({ locale, dir, overrides: init.config?.content ?? {} });
    const root = win.document.documentElement;
    root.lang = locale;
    root.dir = dir;
    applyAccent(header?.backgroundColor);
  }

  /** The accent colour (the page's `headerProperty.backgroundColor`, else the site's `color`). */
  function applyAccent(color: unknown) {
    if (typeof color !== 'string' || typeof CSS === 'undefined' || !CSS.supports('color', color)) return;
    // Set from script: the frame's CSP (style-src 'self') refuses style attributes in markup only.
    const root = win.document.documentElement;
    root.style.setProperty('--tc-accent', color);
    root.style.setProperty('--tc-on-accent', isLight(win, color) ? '#111' : '#fff');
  }

  function onPageMessage(message: PageToFrame) {
    switch (message.type) {
      case 'init': {
        if (options) return;
        options = message.payload?.options;
        if (!options) return;
        restoreId = options.restoreId ?? message.payload?.restoreId;
        bootstrap = message.payload?.bootstrap;
        applyPresentation(options);
        started = start();
        return;
      }
      case 'open':
        return openPanel(message.payload?.replyText);
      case 'close':
        return closePanel();
      case 'user:get':
        return void answer(message.id, userGet);
      case 'user:setProperties':
        return void answer(message.id, () => setProperties(message.payload ?? {}));
      case 'user:clear':
        return void answer(message.id, clearUser);
      case 'destroy':
        return destroy(message.id);
    }
  }

  async function answer(id: string | undefined, run: () => Promise<{ status: number; data: unknown }>) {
    try {
      const { status, data } = await run();
      bridge.reply(id, status, data);
    } catch (error) {
      const status = error instanceof ApiError && error.status ? error.status : 500;
      bridge.reply(id, status, { message: messageOf(error) });
    }
  }

  async function userGet() {
    await started;
    const user = get().user;
    return user
      ? { status: 200, data: pageUserOf(user, restoreId) }
      : { status: 404, data: { message: 'There is no user yet.' } };
  }

  async function setProperties(fields: WidgetUserFields) {
    if (!(await started)) return { status: 404, data: { message: 'There is no user yet.' } };
    if (typeof fields.locale === 'string' && options) {
      // The widget's language follows the user's (Chat keeps no locale on users).
      options = { ...options, locale: fields.locale };
      applyPresentation(options);
    }
    const body = meBodyOfPageFields(fields);
    if (!Object.keys(body).length) {
      const user = get().user!;
      return fields.locale
        ? { status: 200, data: pageUserOf(user, restoreId) }
        : { status: 400, data: { message: 'No properties were given.' } };
    }
    try {
      const user = await api.updateMe(body);
      set({ user });
      return { status: 200, data: pageUserOf(user, restoreId) };
    } catch (error) {
      if (!(error instanceof ApiError) || !error.status) throw error;
      return { status: error.status, data: { message: error.message, errors: error.details } };
    }
  }

  async function clearUser() {
    await started;
    const user = get().user;
    if (user) {
      await api.endSession().catch(() => undefined);
      // Unsent messages of the user who left go with them.
      writeJson(local, outboxKey(widgetToken, siteId, user.id), undefined);
    }
    writeJson(session, sessionKey, undefined);
    realtime?.disconnect();
    realtime = undefined;
    delivery = undefined;
    historyLoaded = false;
    api.setToken(undefined);
    restoreId = undefined;
    if (options) options = { ...options, restoreId: undefined, externalId: undefined, jwt: undefined };
    store.update((s) => ({
      ...initialState(s.locale, s.maxUploadBytes),
      phase: 'starting',
      teamAvailable: s.teamAvailable,
      locale: s.locale,
      dir: s.dir,
      overrides: s.overrides,
      open: s.open,
      tab: s.tab,
      prechat: s.prechat,
      greeting: s.greeting,
    }));
    notifyUnread();
    bridge.event('user:cleared', {});
    // The widget goes on as a new anonymous visitor (as B8's widget does after user.clear()).
    started = start();
    return { status: 200, data: {} };
  }

  function destroy(id: string | undefined) {
    stopTyping();
    realtime?.disconnect();
    realtime = undefined;
    bridge.reply(id, 200, {});
    bridge.stop();
  }

  // ---- starting --------------------------------------------------------------------------------

  async function start(): Promise<boolean> {
    set({ phase: 'starting' });
    try {
      const boot =
        bootstrap ?? (await api.bootstrap(widgetToken, siteId).catch((e: unknown) => e as ApiError));
      if (!(boot instanceof ApiError) && boot.allowed === false) {
        return fail('origin_not_allowed', boot.message ?? 'This page may not show the chat widget.');
      }
      if (boot instanceof ApiError && boot.status === 403) {
        return fail('origin_not_allowed', boot.message || 'This page may not show the chat widget.');
      }
      if (!(boot instanceof ApiError)) {
        appId = boot.app_id;
        const settings = boot.settings ?? {};
        const max = settings.upload_max_bytes;
        const site = (settings.widget_settings ?? {}) as { greeting?: unknown; color?: unknown };
        if (!options?.config?.headerProperty?.backgroundColor) applyAccent(site.color);
        set({
          teamAvailable: boot.team_available !== false,
          greeting: localTextOf(site.greeting),
          prechat: prechatConfigOf(settings) ?? prechatConfigOf(settings.widget_settings),
          ...(typeof max === 'number' && max > 0 ? { maxUploadBytes: max } : {}),
        });
      }
      const { user, fresh } = await signIn();
      useUser(user);
      connect();
      // A visitor created just now has no conversation yet: nothing to load.
      if (fresh) historyLoaded = true;
      else await loadLatestConversation();
      set({ phase: 'ready', prechatNeeded: needsPrechat() });
      bridge.event('widget:loaded', {});
      bridge.layout(get().open, unreadOf(get()));
      if (options?.open) openPanel();
      void delivery?.flush();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        return fail('origin_not_allowed', error.message || 'This page may not show the chat widget.');
      if (error instanceof ApiError && error.status === 401)
        return fail('invalid_credentials', error.message || 'The widget token is not valid.');
      if (error instanceof ApiError && error.status === 400)
        return fail('invalid_site', error.details[0]?.message ?? error.message);
      return fail('unavailable', `The chat could not start: ${messageOf(error)}`);
    }
  }

  function fail(code: string, message: string) {
    set({ phase: 'failed' });
    bridge.error(code, message);
    return false;
  }

  /** Retries a failed start (the visitor's "Try again"). */
  function retryStart() {
    if (get().phase === 'failed') started = start();
  }

  /**
   * A widget session: the one this tab already has for the same visitor, else a new one.
   * `fresh`: an anonymous visitor created by this very call.
   */
  async function signIn(): Promise<{ user: WidgetUser; fresh: boolean }> {
    const init = options!;
    const identity = init.externalId ? `x:${init.externalId}` : restoreId ? `r:${restoreId}` : '';
    const cached = readJson<CachedSession>(session, sessionKey);
    const profile = meBodyOfPageFields(init);
    if (cached && (cached.identity === identity || (identity === '' && cached.anonymous))) {
      api.setToken(cached.token);
      try {
        const user = await api.me();
        restoreId ??= cached.restoreId;
        if (changesUser(user, profile)) {
          void api.updateMe(profile).then(
            (updated) => set({ user: updated }),
            () => undefined,
          );
        }
        return { user, fresh: false };
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        api.setToken(undefined);
      }
    }
    const anonymous = !init.externalId && !restoreId;
    const body = (withRestore: boolean, withProfile: boolean) => ({
      ...(appId ? { app_id: appId } : {}),
      widget_token: widgetToken,
      site_id: siteId,
      ...(withRestore && restoreId ? { restore_id: restoreId } : {}),
      ...(init.externalId ? { external_id: init.externalId } : {}),
      ...(init.externalIdSignature ? { signature: init.externalIdSignature } : {}),
      ...(init.jwt ? { jwt: init.jwt } : {}),
      ...(bridge.pageOrigin() ? { page_origin: bridge.pageOrigin() } : {}),
      ...(withProfile && Object.keys(profile).length ? { user: profile } : {}),
    });
    let withRestore = true;
    let withProfile = true;
    for (;;) {
      try {
        const started = await api.startSession(body(withRestore, withProfile));
        api.setToken(started.session_token);
        if (started.restore_id) restoreId = started.restore_id;
        writeJson(session, sessionKey, {
          identity: init.externalId ? `x:${init.externalId}` : restoreId ? `r:${restoreId}` : '',
          token: started.session_token,
          ...(restoreId ? { restoreId } : {}),
          anonymous: anonymous || !withRestore,
        } satisfies CachedSession);
        if (started.restore_id)
          bridge.event('user:created', { status: 200, data: pageUserOf(started.user, restoreId) });
        return { user: started.user, fresh: Boolean(started.restore_id) && !init.externalId };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        // A restore id this site does not know (another site's, or a deleted user): a new visitor.
        if (error.status === 404 && withRestore && restoreId) {
          withRestore = false;
          restoreId = undefined;
          continue;
        }
        // Bad user fields from the page must not keep the visitor out of the chat.
        if (error.status === 400 && withProfile && error.details.some((d) => d.field.startsWith('user'))) {
          console.warn(`Tandem chat: user fields ignored: ${error.details.map((d) => d.message).join('; ')}`);
          withProfile = false;
          continue;
        }
        throw error;
      }
    }
  }

  function useUser(user: WidgetUser) {
    set({ user });
    delivery = createDelivery({
      storage: local,
      key: outboxKey(widgetToken, siteId, user.id),
      transport: {
        connected: () => realtime?.connected() ?? false,
        send: (payload) => realtime?.send(payload) ?? Promise.resolve(undefined),
      },
      currentConversation: () => get().conversation?.id,
      onSent,
      onRefused,
    });
    let timeline = get().timeline;
    for (const entry of delivery.entries())
      timeline = addPending(timeline, {
        clientId: entry.clientId,
        parts: entry.parts,
        createdTime: entry.createdTime,
        status: 'sending',
      });
    set({ timeline });
  }

  function needsPrechat() {
    const s = get();
    if (!s.prechat || s.conversation || s.timeline.pending.length) return false;
    if (readJson<boolean>(local, userKey('prechat'))) return false;
    return prechatNeeded(s.prechat, s.user);
  }

  // ---- history -----------------------------------------------------------------------------

  async function loadLatestConversation() {
    const latest = await api.latestConversation();
    if (!latest) {
      historyLoaded = true;
      return;
    }
    const current = get().conversation;
    if (current && current.id !== latest.id) return;
    await loadConversation(latest);
  }

  async function loadConversation(conversation: WidgetConversation) {
    set((s) => withConversation(s, conversation));
    const after = Math.max(0, conversation.last_seq - HISTORY_PAGE);
    const page = await api.messages(conversation.id, after, HISTORY_PAGE);
    if (get().conversation?.id !== conversation.id) return;
    const stored = new Set(page.messages.map((m) => m.client_message_id).filter(Boolean));
    // Sent before a reload whose acknowledgement never came: the server has them.
    for (const entry of delivery?.entries() ?? [])
      if (stored.has(entry.clientId)) delivery?.discard(entry.clientId);
    const read = readJson<{ id: string; seq: number }>(local, userKey('read'));
    set((s) => {
      const { timeline } = receive(s.timeline, page.messages);
      // Never seen on this device: take the history as read rather than flag all of it.
      const readSeq = read?.id === conversation.id ? read.seq : timeline.lastSeq;
      return {
        timeline: { ...timeline, readSeq: Math.max(readSeq, s.timeline.readSeq) },
        hasEarlier: after > 0,
      };
    });
    historyLoaded = true;
    // Anything stored between the history read and the socket's start comes now.
    realtime?.resume(conversation.id, get().timeline.lastSeq);
    afterChange();
  }

  /** The visitor's "Show earlier messages". */
  async function loadEarlier() {
    const s = get();
    const first = s.timeline.messages[0];
    if (!s.conversation || !first) return;
    const after = Math.max(0, first.seq - 1 - HISTORY_PAGE);
    const page = await api.messages(s.conversation.id, after, HISTORY_PAGE).catch(() => undefined);
    if (!page) return;
    set((state) => ({ timeline: receive(state.timeline, page.messages).timeline, hasEarlier: after > 0 }));
  }

  /** Another conversation of the visitor became the live one (e.g. an agent started it). */
  async function switchConversation(conversationId: string) {
    set((s) => ({
      conversation: { id: conversationId, status: 'new' },
      timeline: { ...emptyTimeline(), pending: s.timeline.pending },
      hasEarlier: false,
      agent: undefined,
      agentTyping: false,
      csat: undefined,
    }));
    const conversation = await api.conversation(conversationId).catch(() => undefined);
    if (conversation && get().conversation?.id === conversationId) await loadConversation(conversation);
  }

  // ---- realtime ------------------------------------------------------------------------------

  function connect() {
    realtime?.disconnect();
    realtime = connectRealtime(
      () => {
        const { conversation, timeline } = get();
        handshakeResumed = historyLoaded;
        return {
          ...(appId ? { appId } : {}),
          widgetToken,
          siteId,
          userSessionToken: api.token() ?? '',
          resume: conversation && historyLoaded ? { [conversation.id]: timeline.lastSeq } : {},
        };
      },
      {
        message: onMessage,
        conversation: onConversation,
        typing: onTyping,
        read: onRead,
        team: (available) => set({ teamAvailable: available }),
        connected: () => {
          set({ connection: 'online' });
          const { conversation, timeline } = get();
          // History loaded while the handshake was under way: replay what it may have missed.
          if (!handshakeResumed && historyLoaded && conversation)
            realtime?.resume(conversation.id, timeline.lastSeq);
          void delivery?.flush();
        },
        disconnected: () => set({ connection: nav.onLine === false ? 'offline' : 'connecting' }),
        refused: (code) => void onRefusedHandshake(code),
      },
    );
  }

  async function onRefusedHandshake(code: string) {
    const socket = realtime;
    set({ connection: 'connecting' });
    // The widget session ended (expired, signed out elsewhere): open a new one, once a minute.
    if ((code === 'invalid_credentials' || code === 'unknown_session') && Date.now() - refreshedAt > 60_000) {
      refreshedAt = Date.now();
      writeJson(session, sessionKey, undefined);
      try {
        set({ user: (await signIn()).user });
      } catch {
        // Tried again below.
      }
    }
    setTimeout(() => {
      if (realtime === socket) socket?.connect();
    }, 3000);
  }

  function onMessage(event: MessageNew<UserMessage>) {
    const current = get().conversation;
    if (current && current.id !== event.conversationId) {
      void switchConversation(event.conversationId);
      return;
    }
    if (!current) set({ conversation: { id: event.conversationId, status: 'new' }, prechatNeeded: false });
    const { timeline, added } = receive(get().timeline, [event.message]);
    if (!added.length) return;
    const fromOthers = added.filter((m) => m.actor_type !== 'user');
    set({ timeline, ...(fromOthers.length ? { agentTyping: false } : {}) });
    for (const message of fromOthers)
      bridge.event('message:received', {
        conversationId: event.conversationId,
        message: pageMessageOf(message),
      });
    afterChange();
  }

  function onConversation(event: UserConversationUpdate) {
    if (!get().conversation && event.change === 'created')
      set({ conversation: { id: event.conversationId, status: event.status } });
    const { state, resolved } = conversationUpdated(get(), event);
    store.update(() => state);
    if (resolved) bridge.event('conversation:resolved', { conversationId: event.conversationId });
  }

  function onTyping(event: TypingEvent) {
    if (event.actorType !== 'agent' || event.conversationId !== get().conversation?.id) return;
    set({ agentTyping: event.isTyping });
    clearTimeout(agentTypingTimer);
    if (event.isTyping) agentTypingTimer = setTimeout(() => set({ agentTyping: false }), AGENT_TYPING_MS);
  }

  function onRead(event: ReadReceipt) {
    if (event.actorType !== 'agent' || event.conversationId !== get().conversation?.id) return;
    set((s) => ({ timeline: agentRead(s.timeline, event.seq) }));
  }

  /** New messages: read at once when the visitor is looking, else counted on the badge. */
  function afterChange() {
    markReadIfVisible();
    notifyUnread();
  }

  function markReadIfVisible() {
    const s = get();
    if (!s.open || s.tab !== 'chat' || win.document.visibilityState === 'hidden' || !s.conversation) return;
    const timeline = markRead(s.timeline);
    if (timeline === s.timeline) return;
    set({ timeline });
    writeJson(local, userKey('read'), { id: s.conversation.id, seq: timeline.readSeq });
    realtime?.read(s.conversation.id, timeline.readSeq);
    notifyUnread();
  }

  // ---- sending -------------------------------------------------------------------------------

  function sendParts(parts: unknown[]) {
    if (!delivery) return;
    const entry: OutboxEntry = {
      clientId: uuid(),
      ...(get().conversation ? { conversationId: get().conversation!.id } : {}),
      parts,
      createdTime: new Date().toISOString(),
    };
    set((s) => ({
      timeline: addPending(s.timeline, {
        clientId: entry.clientId,
        parts,
        createdTime: entry.createdTime,
        status: 'sending',
      }),
      prechatNeeded: false,
    }));
    delivery.add(entry);
    stopTyping();
  }

  function sendText(text: string) {
    const content = text.trim();
    if (content) sendParts([{ text: { content } }]);
  }

  function onSent(entry: OutboxEntry, ack: { seq: number; messageId: string; conversationId: string }) {
    set((s) => ({
      timeline: markSent(s.timeline, entry.clientId, ack.seq, ack.messageId),
      ...(s.conversation ? {} : { conversation: { id: ack.conversationId, status: 'new' as const } }),
    }));
    bridge.event('message:sent', {
      conversationId: ack.conversationId,
      message: {
        id: ack.messageId,
        seq: ack.seq,
        clientMessageId: entry.clientId,
        text: summaryOf(entry.parts, base),
      },
    });
  }

  function onRefused(entry: OutboxEntry, error: RealtimeError) {
    const reason = error.details?.[0]?.message ?? error.message;
    set((s) => ({ timeline: markFailed(s.timeline, entry.clientId, reason) }));
  }

  /** The visitor's "Retry" on a refused message: the same client id, so it is stored once. */
  function retry(clientId: string) {
    const pending = get().timeline.pending.find((p) => p.clientId === clientId);
    if (!pending || !delivery) return;
    set((s) => ({ timeline: markSending(s.timeline, clientId) }));
    delivery.add({
      clientId,
      ...(get().conversation ? { conversationId: get().conversation!.id } : {}),
      parts: pending.parts,
      createdTime: pending.createdTime,
    });
  }

  function discard(clientId: string) {
    delivery?.discard(clientId);
    set((s) => ({ timeline: dropPending(s.timeline, clientId) }));
  }

  function composerInput(text: string) {
    const id = get().conversation?.id;
    if (!id || !realtime) return;
    if (!text.trim()) return stopTyping();
    const now = Date.now();
    if (now - typingSentAt > TYPING_EVERY_MS) {
      realtime.typing(id, true);
      typingSentAt = now;
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function stopTyping() {
    clearTimeout(typingTimer);
    const id = get().conversation?.id;
    if (typingSentAt && id) realtime?.typing(id, false);
    typingSentAt = 0;
  }

  async function attach(file: File) {
    const max = get().maxUploadBytes;
    const problem = uploadProblem(file, max);
    if (problem) return set({ notice: t(problem, { name: file.name, max: formatSize(max) }) });
    if (nav.onLine === false)
      return set({ notice: t('uploadFailed', { name: file.name, reason: t('offlineError') }) });
    const id = uuid();
    set((s) => ({ uploads: [...s.uploads, { id, name: file.name }], notice: undefined }));
    try {
      const part = await api.upload(file);
      sendParts([part]);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const notice =
        status === 413
          ? t('fileTooLarge', { name: file.name, max: formatSize(max) })
          : status === 415
            ? t('fileType', { name: file.name })
            : t('uploadFailed', { name: file.name, reason: messageOf(error) });
      set({ notice });
    } finally {
      set((s) => ({ uploads: s.uploads.filter((u) => u.id !== id) }));
    }
  }

  // ---- panel, forms, CSAT --------------------------------------------------------------------

  function openPanel(replyText?: string) {
    set((s) => ({
      open: true,
      ...(replyText !== undefined
        ? { tab: 'chat' as const, draft: { text: replyText, nonce: s.draft.nonce + 1 } }
        : {}),
      focusNonce: s.focusNonce + 1,
    }));
    // The loader shows the panel and tells the page (widget:opened).
    bridge.layout(true, unreadOf(get()));
    markReadIfVisible();
  }

  function closePanel() {
    if (!get().open) return;
    stopTyping();
    set({ open: false });
    bridge.layout(false, unreadOf(get()));
  }

  function setTab(tab: AppState['tab']) {
    set({ tab });
    markReadIfVisible();
  }

  function talkToUs() {
    set((s) => ({ tab: 'chat', focusNonce: s.focusNonce + 1 }));
    markReadIfVisible();
  }

  /** Saves the pre-chat form; returns the errors per field ('' for the form), or undefined. */
  async function submitPrechat(values: Record<string, string>): Promise<Record<string, string> | undefined> {
    const fields = get().prechat?.fields ?? [];
    try {
      const user = await api.updateMe(meBodyOf(fields, values));
      writeJson(local, userKey('prechat'), true);
      set((s) => ({ user, prechatNeeded: false, focusNonce: s.focusNonce + 1 }));
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.details.length) return serverFieldErrors(error.details, fields);
      return { '': messageOf(error) };
    }
  }

  /** The email asked for when no agent is available; returns the error to show, or undefined. */
  async function giveEmail(value: string): Promise<string | undefined> {
    const email = value.trim();
    const problem = fieldProblem('email', email, true);
    if (problem) return t(problem);
    try {
      const user = await api.updateMe({ email });
      set({ user, emailGiven: email });
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.details.length) return error.details[0]!.message;
      return messageOf(error);
    }
  }

  async function rate(rating: number, review: string) {
    const csat = get().csat;
    if (!csat || csat.status === 'thanks') return;
    set({ csat: { ...csat, status: 'sending', error: undefined } });
    try {
      await api.rate(csat.conversationId, rating, review);
      set({ csat: { conversationId: csat.conversationId, status: 'thanks' } });
      bridge.event('csat:received', {
        conversationId: csat.conversationId,
        rating,
        review: review.trim() || null,
      });
    } catch (error) {
      // 409: this resolve is rated already (another tab): nothing more to ask.
      if (error instanceof ApiError && error.status === 409) set({ csat: undefined });
      else set({ csat: { ...csat, status: 'offered', error: messageOf(error) } });
    }
  }

  function messageOf(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('offlineError');
      return error.details[0]?.message ?? (error.message || t('genericError'));
    }
    return t('genericError');
  }

  // ---- the browser -------------------------------------------------------------------------

  win.addEventListener('online', () => {
    set({ connection: realtime?.connected() ? 'online' : 'connecting' });
    realtime?.connect();
    void delivery?.flush();
  });
  // Offline: stop the socket, so nothing is written into a dead connection; messages wait in the
  // outbox and go (once) when 'online' reconnects.
  win.addEventListener('offline', () => {
    set({ connection: 'offline' });
    realtime?.disconnect();
  });
  win.document.addEventListener('visibilitychange', markReadIfVisible);

  bridge.ready();

  return {
    store,
    api,
    t,
    base,
    retryStart,
    openPanel,
    closePanel,
    setTab,
    talkToUs,
    sendText,
    sendReply: (view: Extract<PartView, { kind: 'reply' }>) => sendText(view.text),
    attach,
    retry,
    discard,
    composerInput,
    loadEarlier,
    submitPrechat,
    giveEmail,
    rate,
  };
}

export type Controller = ReturnType<typeof createController>;

/** What the page is told of a message: ids, who, and its text (no internal fields). */
function pageMessageOf(message: UserMessage) {
  return {
    id: message.id,
    seq: message.seq,
    actorType: message.actor_type,
    messageType: message.message_type,
    parts: message.message_parts,
    createdTime: message.created_time,
  };
}

/** Whether a CSS colour is light (dark text reads better on it). */
function isLight(win: Window, color: string): boolean {
  const probe = win.document.createElement('i');
  probe.style.color = color;
  win.document.body.append(probe);
  const rgb = win
    .getComputedStyle(probe)
    .color.match(/\d+(\.\d+)?/g)
    ?.map(Number) ?? [0, 0, 0];
  probe.remove();
  const [r = 0, g = 0, b = 0] = rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 150;
}
