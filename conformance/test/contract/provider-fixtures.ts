/**
 * Fixtures of the provider verification tests: the client's pact directory,
 * a real sandbox on port 0 with a non-default account (so that a verifier that
 * forgot to inject the provider's credentials fails), and a loopback proxy
 * that breaks the sandbox's answers in one chosen way.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createApp, createStore, startSandbox, type Sandbox } from '@org/liveminutes-sandbox';

/**
 * The pact directory of @org/liveminutes-client (its `test:contract` writes it).
 * @example
 * verifyPacts({ ..., pactDir: clientPactDir() });
 */
export function clientPactDir(): string {
  const root = dirname(createRequire(import.meta.url).resolve('@org/liveminutes-client/package.json'));
  const dir = join(root, 'pacts');
  if (!existsSync(dir)) {
    throw new Error(`${dir} does not exist: run the client's consumer tests first (turbo run test:contract does)`);
  }
  return dir;
}

/** A provider account made up for one test run. */
export interface ProviderAccount {
  readonly accountSid: string;
  readonly authToken: string;
}

/**
 * A sandbox with its own account and small quotas, so that quota states are
 * reached in a few calls.
 * @example
 * const { sandbox, account } = await startProviderSandbox();
 */
export async function startProviderSandbox(): Promise<{ sandbox: Sandbox; account: ProviderAccount }> {
  const account = { accountSid: `ACprovider${randomBytes(4).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  const sandbox = await startSandbox({ port: 0, logger: false, accounts: [account], limits: { sessions: 5, users: 5 } });
  return { sandbox, account };
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The sandbox's API without its entry pages (createApp with `pages: false`),
 * standing for a real server where no person's action can be simulated.
 * @example
 * const server = await startSandboxWithoutPages(account);
 */
export async function startSandboxWithoutPages(account: ProviderAccount): Promise<RunningServer> {
  const store = await createStore();
  // The app needs its public URL, known once listening: attach it then.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', createApp({ store, publicUrl: url, accounts: [account], limits: { sessions: 5, users: 5 }, logger: false, pages: false }));
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void store.close().then(resolve, resolve);
        });
      }),
  };
}

/** Rewrites one upstream answer: gets the request and the upstream JSON, returns the JSON to send. */
export type AnswerRewrite = (req: IncomingMessage, body: Record<string, unknown>) => Record<string, unknown>;

/** A running proxy. */
export type BrokenProxy = RunningServer;

/**
 * A loopback proxy in front of `target`: forwards every request as is and,
 * for JSON answers, sends `rewrite`'s result instead of the upstream body.
 * Non-JSON answers (entry pages, redirects) pass through untouched.
 * @example
 * const proxy = await startBrokenProxy(sandbox.url, (_req, body) => ({ ...body, participantUrl: undefined }));
 */
export async function startBrokenProxy(target: string, rewrite: AnswerRewrite): Promise<BrokenProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const raw = Buffer.concat(chunks);
          const isJson = String(answer.headers['content-type'] ?? '').startsWith('application/json');
          const body = isJson ? Buffer.from(JSON.stringify(rewrite(req, JSON.parse(raw.toString('utf8'))))) : raw;
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    forward.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
