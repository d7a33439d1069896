import swagger from '@fastify/swagger';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ChatConfig } from '../config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from '../platform/jobs/index.js';
import { productRateLimitStore } from '../platform/http/rate-limit.js';
import { createHttpServer } from '../platform/http/server.js';
import { registerChatApiHooks } from './api.js';
import { createMessageWriter } from './conversations/message-writer.js';
import { ensureChatAccount, type ChatBootstrapResult } from './bootstrap.js';
import type { ChatServices } from './context.js';
import type { ChatDB } from './db.js';
import { chatErrorBody } from './errors.js';
import { createChatEventBus } from './events.js';
import { chatMigrations } from './migrations/index.js';
import { attachRealtime } from './realtime/index.js';
import { registerChatRoutes } from './routes.js';
import { enqueuedJobsFor, setUpWebhooks, type WebhookOptions } from './webhooks/index.js';
import { conversionJobHandlers } from './helpdesk-conversion/index.js';
import { faqImportJobHandlers } from './helpdesk-faq/index.js';
import { DEFAULT_WIDGET_DIST_DIR, widgetAssetRoutes, widgetDist } from './widget-assets/index.js';
import {
  agentAppDist,
  agentAppRoutes,
  DEFAULT_INBOX_DIST_DIR,
  panelFrameAncestors,
} from './agent-app/index.js';

/** Chat's tables live in this PostgreSQL schema, so sharing a database with Desk is safe. */
export const CHAT_SCHEMA = 'chat';

export interface ChatAppOptions {
  config: ChatConfig;
  logger: FastifyServerOptions['logger'];
  /** Use this database instead of opening one from config (tests). */
  database?: Database<ChatDB>;
  /** Keep PGlite in memory instead of under the data directory (tests). */
  inMemory?: boolean;
  /** Run the background job worker (the `worker` role); default true. */
  runWorker?: boolean;
  /** Worker tuning (tests shorten polling and backoff). */
  worker?: Pick<JobWorkerOptions, 'pollIntervalMs' | 'backoffMs' | 'batchSize'>;
  webhooks?: WebhookOptions;
  /** The built widget (apps/widget/dist by default). */
  widgetDistDir?: string;
}

export interface ChatApp {
  app: FastifyInstance;
  services: ChatServices;
  database: Database<ChatDB>;
  bootstrap: ChatBootstrapResult;
  /** The background worker, when this process runs the `worker` role. */
  worker: JobWorker | undefined;
  close(): Promise<void>;
}

/** Builds Chat: its own database and migrations, first-start account, HTTP routes. Never listens. */
export async function buildChatApp(options: ChatAppOptions): Promise<ChatApp> {
  const { config } = options;
  const logRef: { current?: FastifyBaseLogger } = {};
  const database =
    options.database ??
    (await openDatabase<ChatDB>({
      url: config.databaseUrl,
      pgliteThread: config.pgliteThread,
      dataDir: options.inMemory ? undefined : `${config.dataDir}/pglite`,
      schema: CHAT_SCHEMA,
      onIdleError: (error) => logRef.current?.warn({ err: error }, 'database connection dropped'),
    }));
  await migrateToLatest(database.db, chatMigrations, 'chat_migrations', CHAT_SCHEMA);
  const bootstrap = await ensureChatAccount(database.db, config);

  const rateLimit = productRateLimitStore(database.db, config.redisUrl, config.rateLimitPerMinute);
  const services: ChatServices = {
    db: database.db,
    config,
    rateLimitStore: rateLimit.store,
    events: createChatEventBus(() => logRef.current),
    messageWriter: createMessageWriter(database.db),
  };

  const webhooks = setUpWebhooks(services, options.webhooks);
  const worker =
    options.runWorker === false
      ? undefined
      : createJobWorker({
          db: database.db,
          handlers: {
            ...webhooks.handlers,
            ...conversionJobHandlers(services),
            ...faqImportJobHandlers(services),
          },
          housekeeping: webhooks.housekeeping,
          log: () => logRef.current,
          ...options.worker,
        });
  // Jobs enqueued by a commit are looked for at once rather than at the next poll; commits that
  // enqueued none (most messages) leave the worker alone.
  if (worker) services.events.onCommitted((event) => (enqueuedJobsFor(event) ? worker.poke() : undefined));

  const app = createHttpServer({
    logger: options.logger,
    bodyLimit: 1024 * 1024,
    apiPrefix: '/v2',
    errorBody: chatErrorBody,
  });
  logRef.current = app.log;
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tandem Chat API', version: '2' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          widgetSession: {
            type: 'http',
            scheme: 'bearer',
            description: 'A widget session token from POST /v2/widget/sessions (widget routes only)',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerChatApiHooks(app, services);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', product: 'chat' }));
  app.get('/v2/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  await registerChatRoutes(app);
  await app.register(widgetAssetRoutes, {
    dist: widgetDist(options.widgetDistDir ?? DEFAULT_WIDGET_DIST_DIR),
    services,
  });
  await app.register(agentAppRoutes, {
    dist: agentAppDist(DEFAULT_INBOX_DIST_DIR),
    publicUrl: config.publicUrl,
    panelAncestors: () => panelFrameAncestors(services),
  });
  attachRealtime(app, services);
  await app.ready();
  worker?.start();

  let closed = false;
  return {
    app,
    services,
    database,
    bootstrap,
    worker,
    async close() {
      if (closed) return;
      closed = true;
      await worker?.stop();
      await app.close();
      rateLimit.close();
      if (!options.database) await database.close();
    },
  };
}
