import path from 'node:path';
import { z } from 'zod';

/** Which products this process serves. Chat joins in a later issue; the entry point already knows it. */
export const PRODUCTS = ['desk', 'chat'] as const;
export type Product = (typeof PRODUCTS)[number];
/** Roles: `web` serves HTTP, `worker` runs background jobs. A process can take both (the default). */
export const ROLES = ['web', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined || v === '') return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.join(' or ')}//` },
    )
    .transform((v) => (v === '' ? undefined : v));
const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as [T, ...T[]])).min(1));
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** A comma-separated list of http(s) origins (trusted-origin settings), each turned into its origin. */
const optionalOrigins = optionalText.pipe(
  z
    .string()
    .refine(
      (v) =>
        v.split(',').every((o) => {
          try {
            return ['http:', 'https:'].includes(new URL(o.trim()).protocol);
          } catch {
            return false;
          }
        }),
      'must be a comma-separated list of http(s) origins',
    )
    .transform((v) => v.split(',').map((o) => new URL(o.trim()).origin))
    .optional(),
);

const envSchema = z.object({
  PRODUCTS: list(PRODUCTS).default(['desk', 'chat']),
  ROLES: list(ROLES).default(['web', 'worker']),
  HOST: z.string().min(1).default('0.0.0.0'),
  DESK_PORT: port.default(3000),
  CHAT_PORT: port.default(3001),
  DATA_DIR: z.string().min(1).default('./data'),
  DESK_DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DESK_PUBLIC_URL: optionalUrl(['http:', 'https:']),
  DESK_ADMIN_EMAIL: optionalText.pipe(z.email({ message: 'must be a valid email address' }).optional()),
  DESK_ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
  DESK_ADMIN_API_KEY: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  DESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  DESK_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  CHAT_DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  CHAT_PUBLIC_URL: optionalUrl(['http:', 'https:']),
  CHAT_ADMIN_EMAIL: optionalText.pipe(z.email({ message: 'must be a valid email address' }).optional()),
  CHAT_ADMIN_PASSWORD: optionalText.pipe(z.string().min(8, 'must be at least 8 characters').optional()),
  CHAT_API_TOKEN: optionalText.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  CHAT_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 * 1024),
  CHAT_WIDGET_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  CHAT_ALLOW_PRIVATE_NETWORK_URLS: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  CHAT_REALTIME_COALESCE_MS: z.coerce.number().int().min(0).max(100).default(5),
  CHAT_SECRET_KEY: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v.trim()) && Buffer.from(v.trim(), 'base64').length === 32,
        'must be the base64 of 32 random bytes (e.g. openssl rand -base64 32)',
      )
      .transform((v) => Buffer.from(v.trim(), 'base64'))
      .optional(),
  ),
  CHAT_HELPDESK_TRUSTED_ORIGINS: optionalOrigins,
  DESK_CHAT_TRUSTED_ORIGINS: optionalOrigins,
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: optionalText.pipe(z.email({ message: 'must be a valid email address' }).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(300),
  PGLITE_THREAD: z.enum(['worker', 'main']).default('worker'),
});

export interface DeskConfig {
  port: number;
  databaseUrl: string | undefined;
  /** Directory for embedded PGlite data and uploaded files. */
  dataDir: string;
  /** Where embedded PGlite runs: a worker thread (default; off the event loop) or this thread. */
  pgliteThread: 'worker' | 'main';
  /** Base URL used in `Link` and `Location` headers; derived from the request when unset. */
  publicUrl: string | undefined;
  admin: { email: string | undefined; password: string | undefined; apiKey: string | undefined };
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  redisUrl: string | undefined;
  /** Outgoing mail: sent through this SMTP server when set, else kept in the outbox and logged. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * Chat origins the chat channel may call even on a loopback or private address. Defaults to
   * this install's own Chat (localhost, 127.0.0.1 and CHAT_PUBLIC_URL on CHAT_PORT); any other
   * private address is refused (SSRF).
   */
  chatTrustedOrigins: string[];
}

export interface ChatConfig {
  port: number;
  databaseUrl: string | undefined;
  /** Directory for embedded PGlite data and uploads. */
  dataDir: string;
  /** Where embedded PGlite runs: a worker thread (default; off the event loop) or this thread. */
  pgliteThread: 'worker' | 'main';
  publicUrl: string | undefined;
  admin: { email: string | undefined; password: string | undefined; apiToken: string | undefined };
  rateLimitPerMinute: number;
  redisUrl: string | undefined;
  /** Largest file a widget user or staff may upload (bytes); a bigger one is refused with 413. */
  uploadMaxBytes: number;
  /** Widget REST calls per visitor (widget session) per minute; staff calls share `rateLimitPerMinute`. */
  widgetRateLimitPerMinute: number;
  /**
   * Whether admin-entered URLs (webhooks) may point at loopback or private networks. Off by
   * default: such a URL could reach the machine itself or the cloud metadata service (SSRF).
   */
  allowPrivateNetworkUrls: boolean;
  /**
   * Helpdesk origins the connector may reach even on a loopback or private address (a helpdesk
   * on the office LAN). Defaults to this install's own Desk (localhost, 127.0.0.1 and
   * DESK_PUBLIC_URL on DESK_PORT), so one `npm start` links the two.
   */
  helpdeskTrustedOrigins: string[];
  /**
   * The 32-byte key sealing secrets at rest (the helpdesk API key, identity secrets), from
   * CHAT_SECRET_KEY; unset means a key file generated under DATA_DIR on first use.
   */
  secretKey: Buffer | undefined;
  /** How long an agent socket's writes gather before they leave in one write (0: per event-loop turn). */
  realtimeCoalesceMs: number;
}

export interface Config {
  products: Product[];
  roles: Role[];
  host: string;
  logLevel: string;
  shutdownTimeoutMs: number;
  /** On SIGTERM, keep serving this long before closing: requests already on the wire get answers. */
  shutdownDelayMs: number;
  desk: DeskConfig;
  chat: ChatConfig;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; every bad variable is reported by name in one error. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        // A wrong secret key is still a secret: name it, never print it.
        const shown = name === 'CHAT_SECRET_KEY' ? '(hidden)' : JSON.stringify(env[name] ?? '');
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    products: [...new Set(e.PRODUCTS)],
    roles: [...new Set(e.ROLES)],
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    desk: {
      port: e.DESK_PORT,
      databaseUrl: e.DESK_DATABASE_URL,
      dataDir: path.join(dataDir, 'desk'),
      pgliteThread: e.PGLITE_THREAD,
      publicUrl: e.DESK_PUBLIC_URL?.replace(/\/+$/, ''),
      admin: { email: e.DESK_ADMIN_EMAIL, password: e.DESK_ADMIN_PASSWORD, apiKey: e.DESK_ADMIN_API_KEY },
      rateLimitPerMinute: e.DESK_RATE_LIMIT_PER_MINUTE,
      maxUploadBytes: Math.round(e.DESK_MAX_UPLOAD_MB * 1024 * 1024),
      redisUrl: e.REDIS_URL,
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM ?? 'support@tandem.local',
      chatTrustedOrigins: e.DESK_CHAT_TRUSTED_ORIGINS ?? [
        `http://localhost:${e.CHAT_PORT}`,
        `http://127.0.0.1:${e.CHAT_PORT}`,
        ...(e.CHAT_PUBLIC_URL ? [new URL(e.CHAT_PUBLIC_URL).origin] : []),
      ],
    },
    chat: {
      port: e.CHAT_PORT,
      databaseUrl: e.CHAT_DATABASE_URL,
      dataDir: path.join(dataDir, 'chat'),
      pgliteThread: e.PGLITE_THREAD,
      publicUrl: e.CHAT_PUBLIC_URL?.replace(/\/+$/, ''),
      admin: { email: e.CHAT_ADMIN_EMAIL, password: e.CHAT_ADMIN_PASSWORD, apiToken: e.CHAT_API_TOKEN },
      rateLimitPerMinute: e.CHAT_RATE_LIMIT_PER_MINUTE,
      redisUrl: e.REDIS_URL,
      uploadMaxBytes: e.CHAT_UPLOAD_MAX_BYTES,
      widgetRateLimitPerMinute: e.CHAT_WIDGET_RATE_LIMIT_PER_MINUTE,
      allowPrivateNetworkUrls: e.CHAT_ALLOW_PRIVATE_NETWORK_URLS,
      secretKey: e.CHAT_SECRET_KEY,
      realtimeCoalesceMs: e.CHAT_REALTIME_COALESCE_MS,
      helpdeskTrustedOrigins: e.CHAT_HELPDESK_TRUSTED_ORIGINS ?? [
        `http://localhost:${e.DESK_PORT}`,
        `http://127.0.0.1:${e.DESK_PORT}`,
        ...(e.DESK_PUBLIC_URL ? [new URL(e.DESK_PUBLIC_URL).origin] : []),
      ],
    },
  };
}
