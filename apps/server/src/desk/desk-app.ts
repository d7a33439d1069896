import swagger from '@fastify/swagger';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { DeskConfig } from '../config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createHttpServer } from '../platform/http/server.js';
import { createMailer } from '../platform/mail/index.js';
import { productRateLimitStore } from '../platform/http/rate-limit.js';
import { registerDeskApiHooks } from './api.js';
import { ensureAccountAdmin, type BootstrapResult } from './bootstrap.js';
import type { DeskServices } from './context.js';
import type { DeskDB } from './db.js';
import { deskMigrations } from './migrations/index.js';
import { outboxStore } from './portal-auth/index.js';
import { registerDeskRoutes } from './routes.js';

export interface DeskAppOptions {
  config: DeskConfig;
  logger: FastifyServerOptions['logger'];
  /** Use this database instead of opening one from config (tests share a prepared database). */
  database?: Database<DeskDB>;
  /** Keep PGlite in memory instead of under the data directory (tests). */
  inMemory?: boolean;
}

export interface DeskApp {
  app: FastifyInstance;
  services: DeskServices;
  database: Database<DeskDB>;
  bootstrap: BootstrapResult;
  /** Every route registered, as `METHOD /path` (the OpenAPI document is checked against it). */
  routes: string[];
  /** Stops accepting requests, drains in-flight ones, then closes the database. */
  close(): Promise<void>;
}

/** Builds Desk: database and migrations, first-start admin, HTTP routes. Never listens. */
export async function buildDeskApp(options: DeskAppOptions): Promise<DeskApp> {
  const { config } = options;
  // The logger exists only once the app does; the pool may report before that.
  const logRef: { current?: FastifyBaseLogger } = {};
  const database =
    options.database ??
    (await openDatabase<DeskDB>({
      url: config.databaseUrl,
      pgliteThread: config.pgliteThread,
      dataDir: options.inMemory ? undefined : `${config.dataDir}/pglite`,
      onIdleError: (error) => logRef.current?.warn({ err: error }, 'database connection dropped'),
    }));
  await migrateToLatest(database.db, deskMigrations, 'desk_migrations');
  const bootstrap = await ensureAccountAdmin(database.db, config);

  const rateLimit = productRateLimitStore(database.db, config.redisUrl, config.rateLimitPerMinute);
  const app = createHttpServer({
    logger: options.logger,
    bodyLimit: config.maxUploadBytes + 1024 * 1024,
    apiPrefix: '/api/v2',
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tandem Desk API (Freshdesk v2 compatible)', version: '2' },
      components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
      security: [{ basicAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  logRef.current = app.log;
  const services: DeskServices = {
    db: database.db,
    config,
    rateLimitStore: rateLimit.store,
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      log: app.log.child({ module: 'mail' }),
      store: outboxStore(database.db),
    }),
  };

  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  registerDeskApiHooks(app, services);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', product: 'desk' }));
  app.get('/api/v2/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  await registerDeskRoutes(app, services);
  await app.ready();

  let closed = false;
  return {
    app,
    services,
    database,
    bootstrap,
    routes,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await services.mailer.close();
      rateLimit.close();
      if (!options.database) await database.close();
    },
  };
}
