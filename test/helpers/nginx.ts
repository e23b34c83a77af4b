import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './process.js';

export const NGINX = '/usr/sbin/nginx';

export interface LoadBalancer {
  /** `http://127.0.0.1:port`: what users reach, the app's PUBLIC_URL. */
  url: string;
  /** nginx's error log so far (failed upstream attempts are logged there). */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The production-like nginx site for several app instances. Kept as a function of the ports so
 * that the README's deployment notes and the cluster tests use the same directives.
 */
export function nginxConfig(options: { dir: string; port: number; upstreams: number[] }): string {
  const { dir, port, upstreams } = options;
  const servers = upstreams.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n');
  return `# Generated for the cluster tests.
${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }

  # max_fails=0: a stopped instance refuses connections at once, so trying it costs nothing; with
  # the default (1 failure = skipped for 10 s) an instance that has just come back would still be
  # skipped while the other one is being restarted, and nginx would answer "no live upstreams".
  # No "keepalive" here on purpose: every request gets its own upstream connection, so an instance
  # that is stopping never closes an idle pooled connection just as nginx writes a request on it.
  upstream app {
${servers}
  }

  server {
    listen 127.0.0.1:${port};
    # Attachments are up to ATTACHMENT_MAX_MB (at most 100) plus the multipart envelope.
    client_max_body_size 101m;

    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      # The live channel stays open for hours; the app pings it well within this.
      proxy_read_timeout 1h;

      # Which failures go to the other instance, POSTs included (non_idempotent). This is safe
      # because of how the app stops (SIGTERM): it finishes every request it has started and sends
      # its answer before closing the connection; a request that reaches it while it is closing is
      # answered 503 before any handler runs; and once the listener is closed, connections are
      # refused or reset before the app has read a byte. So an "error" or a 503 from a stopping
      # instance always means "nothing was done" and sending the request elsewhere cannot double
      # it. The app never answers 502 itself. "timeout" is left out deliberately: a request that
      # is merely slow may still complete, and re-sending a POST (a new ticket has no client id to
      # deduplicate it) would then do it twice. The remaining risk is a crash (kill -9) after a
      # commit but before the answer: the client would see a 502 without the retry and a
      # duplicate with it; messages carry a clientId, so only ticket creation could be doubled.
      proxy_next_upstream error http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
    }
  }
}
`;
}

async function waitForPort(port: number, exited: () => boolean, log: () => Promise<string>) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`nginx exited while starting:\n${await log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}:\n${await log()}`);
}

/** Debian's nginx as a child process (not the system service), in front of the given app ports. */
export async function startNginx(upstreams: number[]): Promise<LoadBalancer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, nginxConfig({ dir, port, upstreams }));
  // -e: the error log before the configuration is read (the default one is not writable here).
  const child = spawn(
    NGINX,
    ['-e', path.join(dir, 'error.log'), '-c', conf, '-p', dir, '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = async () => output + (await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''));
  await waitForPort(port, () => child.exitCode !== null || child.signalCode !== null, errorLog);
  return {
    url: `http://127.0.0.1:${port}`,
    errorLog,
    async stop() {
      // SIGQUIT: nginx's graceful shutdown.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
