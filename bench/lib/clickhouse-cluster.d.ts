export const CLUSTER_NAME: string;
export const INSTALL_HINT: string;
export function clickhouseBinary(): string | undefined;
export interface LocalCluster {
  urls: string[];
  url: string;
  cluster: string;
  root: string;
  pids: number[];
  stop(): Promise<void>;
}
export function startCluster(opts?: { shards?: number; timeoutMs?: number; keep?: boolean }): Promise<LocalCluster>;
