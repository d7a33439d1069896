import { ConfigError, loadConfig, type Config } from './config.js';
import { buildDeskApp, type DeskApp } from './desk/index.js';

function loggerOptions(config: Config) {
  return { level: config.logLevel };
}

function printBootstrap(app: DeskApp, url: string) {
  const b = app.bootstrap;
  if (!b.created) return;
  const lines = [
    '',
    '================ Tandem Desk: first start ================',
    ` Desk API:   ${url}/api/v2`,
    ` Admin:      ${b.email}`,
    b.generatedPassword ? ` Password:   ${b.generatedPassword}` : ' Password:   (from DESK_ADMIN_PASSWORD)',
    b.generatedApiKey ? ` API key:    ${b.generatedApiKey}` : ' API key:    (from DESK_ADMIN_API_KEY)',
    ` Try:        curl -u '<API key>:X' ${url}/api/v2/agents/me`,
    b.generatedPassword || b.generatedApiKey
      ? ' Shown once: store these now. They are kept only as hashes.'
      : '',
    '==========================================================',
    '',
  ];
  process.stdout.write(lines.filter((l) => l !== '').join('\n') + '\n');
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
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (config.products.includes('desk')) {
    const desk = await buildDeskApp({ config: config.desk, logger: loggerOptions(config) });
    closers.push(() => desk.close());
    if (config.roles.includes('web')) {
      await desk.app.listen({ host: config.host, port: config.desk.port });
      const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
      printBootstrap(desk, config.desk.publicUrl ?? `http://${shownHost}:${config.desk.port}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tandem failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
