// A throwaway two-shard ClickHouse cluster on loopback, for the ClickHouse engine's tests and the benchmark: two
// plain `clickhouse-server` processes (no service, no ZooKeeper), each with its own folder and free ports, listed in
// each other's `remote_servers` as the cluster `questlog` (one replica per shard). Stopped with SIGTERM, then SIGKILL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLUSTER_NAME = 'questlog';

/** The server binary, or undefined when ClickHouse is not installed. */
export function clickhouseBinary() {
  for (const bin of ['clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server']) {
    const r = spawnSync(bin, ['--help'], { stdio: 'ignore' });
    if (!r.error) return bin;
  }
  return undefined;
}

export const INSTALL_HINT = 'apt-get install clickhouse-server clickhouse-client';

/** A port nobody listens on now (the kernel picks it; the server binds it a moment later). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

function serverXml(dir, node, shards) {
  const replicas = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${node.http}</http_port>
  <tcp_port>${node.tcp}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <remote_servers><${CLUSTER_NAME}>${replicas}</${CLUSTER_NAME}></remote_servers>
</yandex>
`;
}

// One thread per query keeps two servers polite on a shared two-core machine.
const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>1</max_threads><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function waitForPing(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`clickhouse-server exited with code ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`clickhouse-server at ${url} did not answer /ping within ${timeoutMs} ms`);
}

function stopChild(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts a cluster of `shards` servers (default 2). Returns the HTTP url of each node, the cluster name, and stop(),
 * which ends both processes and removes their folder.
 */
export async function startCluster({ shards = 2, timeoutMs = 30_000, keep = false } = {}) {
  const bin = clickhouseBinary();
  if (!bin) throw new Error(`clickhouse-server not found (${INSTALL_HINT})`);
  const root = mkdtempSync(join(tmpdir(), 'questlog-ch-'));
  const nodes = [];
  for (let i = 0; i < shards; i++) nodes.push({ http: await freePort(), tcp: await freePort() });
  const children = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c, 15_000)));
    if (!keep) rmSync(root, { recursive: true, force: true });
  };
  try {
    nodes.forEach((node, i) => {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'users.xml'), USERS_XML);
      writeFileSync(join(dir, 'config.xml'), serverXml(dir, node, nodes));
      const child = spawn(bin, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
      child.on('error', () => {});
      children.push(child);
    });
    const urls = nodes.map((n) => `http://127.0.0.1:${n.http}`);
    await Promise.all(urls.map((u, i) => waitForPing(u, children[i], timeoutMs)));
    return { urls, url: urls[0], cluster: CLUSTER_NAME, root, stop, pids: children.map((c) => c.pid) };
  } catch (err) {
    await stop();
    throw err;
  }
}
