// nginx for the cluster: deploy/nginx/hospitium.conf.template filled in, the security headers the
// app sends (so pages nginx serves itself carry the same ones), and a main nginx.conf that runs
// nginx from a private folder, as any user, without touching /etc/nginx or Debian's service.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { firstBlockedDirectory, resolveServiceUser } from '../server/db/embedded/service-user';
import { securityHeaders } from '../server/platform/http/security-headers';
import { ROOT } from '../server/test/spawn';

export const NGINX_DEPLOY_DIR = path.join(ROOT, 'deploy', 'nginx');
const TEMPLATE = path.join(NGINX_DEPLOY_DIR, 'hospitium.conf.template');

export interface SiteSettings {
  listen: string;
  /** host:port of each instance. */
  upstreams: string[];
  webRoot: string;
  /** The folder holding security-headers.conf. */
  nginxDir: string;
  accessLog: string;
  /** How long a failed instance is left out before nginx tries it again. */
  failTimeoutS?: number;
}

/** The template with its placeholders filled in. */
export function renderSite(s: SiteSettings): string {
  const servers = s.upstreams
    .map((u) => `server ${u} max_fails=1 fail_timeout=${s.failTimeoutS ?? 5}s;`)
    .join('\n    ');
  const values: Record<string, string> = {
    HOSPITIUM_LISTEN: s.listen,
    HOSPITIUM_UPSTREAM_SERVERS: servers,
    HOSPITIUM_WEB_ROOT: s.webRoot,
    HOSPITIUM_NGINX_DIR: s.nginxDir,
    HOSPITIUM_ACCESS_LOG: s.accessLog,
  };
  return fs.readFileSync(TEMPLATE, 'utf8').replace(/\$\{(HOSPITIUM_[A-Z_]+)\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${TEMPLATE}: no value for ${whole}`);
    return v;
  });
}

/** add_header lines for the app's security headers (helmet's, as server/platform/http computes them). */
export function securityHeadersConf(publicUrl?: string): string {
  const headers = securityHeaders(loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' }));
  const lines = Object.entries(headers).map(([k, v]) => `add_header ${k} "${v.replace(/"/g, '\\"')}";`);
  return [
    `# The app's security headers (server/platform/http/security-headers.ts) for the files nginx`,
    `# serves itself, as the app sends them ${publicUrl?.startsWith('https:') ? 'over https' : 'over plain http (no HSTS)'}.`,
    '# Written by `npx tsx bench/cluster.ts --write-deploy-conf [--public-url https://…]`.',
    ...lines,
    '',
  ].join('\n');
}

export interface MainSettings {
  runDir: string;
  /** Where the workers keep request bodies and responses too big for memory; default runDir. */
  tempDir?: string;
  siteFile: string;
  workers: number | 'auto';
}

export interface WorkerFolders {
  webRoot: string;
  tempDir: string;
  /** Removes the copy, if one was made. */
  remove: () => void;
}

/**
 * Folders nginx's workers can use. Under root they run as nobody, who cannot enter a 0700 folder
 * such as /root: a clone there would answer every page with 404 (the API, proxied, still works).
 * Then the web build is copied to a fresh folder under the system's temporary one, which also
 * takes the workers' temporary files; otherwise the given folders are used as they are.
 */
export function workerFolders(webRoot: string, runDir: string, log: (m: string) => void): WorkerFolders {
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`there is no web build in ${webRoot}: run npm run build`);
  // The check the embedded server makes for its own account (server/db/embedded/service-user.ts).
  const nobody = resolveServiceUser('nobody'); // null unless root
  const blocked = nobody && (firstBlockedDirectory(webRoot, nobody) ?? firstBlockedDirectory(runDir, nobody));
  if (!nobody || (!blocked && (fs.statSync(index).mode & 0o004) !== 0)) {
    return { webRoot, tempDir: runDir, remove: () => {} };
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-nginx-'));
  fs.chmodSync(copy, 0o755);
  const web = path.join(copy, 'web');
  fs.cpSync(webRoot, web, { recursive: true });
  const open = (p: string) => {
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) open(path.join(p, e));
  };
  open(web);
  log(`nginx's workers (nobody) cannot read ${webRoot}; serving a copy from ${web}`);
  return { webRoot: web, tempDir: copy, remove: () => fs.rmSync(copy, { recursive: true, force: true }) };
}

/** A whole nginx.conf for a run from `runDir` (pid, logs and temporary files there). */
export function renderMain(m: MainSettings): string {
  const asRoot = process.getuid?.() === 0;
  // As root, the workers drop to an unprivileged account, as Debian's own nginx does.
  const group = fs.readFileSync('/etc/group', 'utf8').includes('\nnogroup:') ? 'nogroup' : 'nobody';
  return [
    asRoot ? `user nobody ${group};` : '',
    `worker_processes ${m.workers};`,
    `pid ${path.join(m.runDir, 'nginx.pid')};`,
    `error_log ${path.join(m.runDir, 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    sendfile on;',
    '    tcp_nopush on;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (t) => `    ${t}_temp_path ${path.join(m.tempDir ?? m.runDir, `${t}_temp`)};`,
    ),
    `    include ${m.siteFile};`,
    '}',
    '',
  ].join('\n');
}

/** Debian's nginx binary (in /usr/sbin, which a non-root PATH may lack), or $NGINX. */
export function nginxBinary(): string {
  if (process.env.NGINX) return process.env.NGINX;
  for (const p of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (fs.existsSync(p)) return p;
  }
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error('nginx is not installed: apt-get install nginx (or set NGINX to its binary)');
}

/** `nginx -t` on a configuration; throws with nginx's own words when it is wrong. */
export function checkNginxConf(confFile: string, runDir: string): void {
  const r = spawnSync(nginxBinary(), ['-t', '-q', '-p', runDir, '-c', confFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nginx refused ${confFile}:\n${r.stderr}`);
}

/** deploy/nginx/hospitium.conf and security-headers.conf, rendered for the systemd units. */
export function writeDeployConf(publicUrl?: string): string[] {
  const site = renderSite({
    listen: '80',
    upstreams: ['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003'],
    webRoot: '/opt/hospitium/dist/web',
    nginxDir: '/etc/nginx/hospitium',
    accessLog: '/var/log/nginx/hospitium.access.log',
  });
  const header =
    '# Rendered from hospitium.conf.template for deploy/systemd (three instances, the app in\n' +
    '# /opt/hospitium, security-headers.conf copied to /etc/nginx/hospitium/). Do not edit: change the\n' +
    '# template and run `npx tsx bench/cluster.ts --write-deploy-conf`.\n\n';
  const files = {
    'hospitium.conf': header + site,
    'security-headers.conf': securityHeadersConf(publicUrl),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(NGINX_DEPLOY_DIR, name), text);
  return Object.keys(files).map((f) => path.join('deploy', 'nginx', f));
}
