import type { Server } from 'node:http';
import { buildChatApp, buildDeskApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

interface FirstStart {
  product: string;
  url: string;
  apiPath: string;
  email: string | undefined;
  password: string | undefined;
  secretName: string;
  secret: string | undefined;
  fromEnv: string;
  tryCommand: string;
  extra?: string;
}

/** Prints first-start credentials once, clearly; nothing secret when they came from the environment. */
function printFirstStart(f: FirstStart) {
  const lines = [
    '',
    `================ Tandem ${f.product}: first start ================`,
    ` ${f.product} API:${' '.repeat(Math.max(1, 7 - f.product.length))}${f.url}${f.apiPath}`,
    ` Admin:      ${f.email}`,
    f.password ? ` Password:   ${f.password}` : ` Password:   (from ${f.fromEnv}_PASSWORD)`,
    f.secret
      ? ` ${f.secretName}${' '.repeat(Math.max(1, 11 - f.secretName.length))} ${f.secret}`
      : ` ${f.secretName}: (from the environment)`,
    f.extra ?? '',
    ` Try:        ${f.tryCommand}`,
    f.password || f.secret ? ' Shown once: store these now. They are kept only as hashes.' : '',
    '='.repeat(58),
    '',
  ];
  process.stdout.write(lines.filter((l) => l !== '').join('\n') + '\n');
}

/**
 * Resolves once `quietMs` have passed with no new connection or request on any server. Each check
 * runs in a setImmediate after its timer, i.e. after the event loop's poll phase has accepted and
 * read whatever arrived while the process was busy, so a starved process does not mistake its own
 * backlog for quiet.
 */
function waitForQuiet(servers: Server[], quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const server of servers) {
      server.on('connection', touch);
      server.on('request', touch);
    }
    const check = () =>
      setImmediate(() => {
        const quiet = Date.now() - last;
        if (quiet < quietMs) return void setTimeout(check, quietMs - quiet);
        for (const server of servers) {
          server.off('connection', touch);
          server.off('request', touch);
        }
        resolve();
      });
    setTimeout(check, quietMs);
  });
}

function shownUrl(config: Config, port: number, publicUrl: string | undefined) {
  return publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const closers: (() => Promise<void>)[] = [];
  const servers: Server[] = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}: draining requests and closing databases...\n`);
    const timer = setTimeout(() => {
      process.stderr.write('Shutdown timed out; exiting.\n');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // Connections accepted but not yet read count as idle and would be reset by close(): keep
    // serving until no connection or request has arrived for a moment, so requests already sent
    // get their answers (also when a busy machine delays reading them), then stop and drain.
    await waitForQuiet(servers, config.shutdownDelayMs);
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  const logger = { level: config.logLevel };
  const listening = config.roles.includes('web');

  if (config.products.includes('desk')) {
    const desk = await buildDeskApp({ config: config.desk, logger });
    closers.push(() => desk.close());
    if (listening) {
      await desk.app.listen({ host: config.host, port: config.desk.port });
      servers.push(desk.app.server);
      const url = shownUrl(config, config.desk.port, config.desk.publicUrl);
      const b = desk.bootstrap;
      if (b.created) {
        printFirstStart({
          product: 'Desk',
          url,
          apiPath: '/api/v2',
          email: b.email,
          password: b.generatedPassword,
          secretName: 'API key:',
          secret: b.generatedApiKey,
          fromEnv: 'DESK_ADMIN',
          tryCommand: `curl -u '<API key>:X' ${url}/api/v2/agents/me`,
          extra: [
            ` Sign in:    ${url}/a/ (the agent workspace, with the admin above)`,
            ` Help center: ${url}/support/home (after creating a portal: POST /api/v2/portals)`,
          ].join('\n'),
        });
      }
    }
  }

  if (config.products.includes('chat')) {
    const chat = await buildChatApp({
      config: config.chat,
      logger,
      runWorker: config.roles.includes('worker'),
    });
    closers.push(() => chat.close());
    if (listening) {
      await chat.app.listen({ host: config.host, port: config.chat.port });
      servers.push(chat.app.server);
      const url = shownUrl(config, config.chat.port, config.chat.publicUrl);
      const b = chat.bootstrap;
      if (b.created) {
        printFirstStart({
          product: 'Chat',
          url,
          apiPath: '/v2',
          email: b.email,
          password: b.generatedPassword,
          secretName: 'API token:',
          secret: b.generatedApiToken,
          fromEnv: 'CHAT_ADMIN',
          tryCommand: `curl -H 'Authorization: Bearer <API token>' ${url}/v2/accounts/configuration`,
          extra: [` Sign in:    ${url}/inbox/ (the inbox and Chat's admin)`, ` App id:     ${b.appId}`].join(
            '\n',
          ),
        });
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tandem failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
