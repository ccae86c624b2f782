// Messages of the operator's mistakes and the machine's faults around a site folder and the nightly's lock: what an
// on-call engineer reads in the cron log (round 14, bench/results/ops/NOTES.md).

export const opsMessages = {
  /** `--out` (or reports.out) names a file: a publish would have nowhere to build the site. */
  outIsFile: (out: string) => `${out} is a file, not a folder: the site is a folder of its own`,
  /** `--out` is a link whose target is missing: publish follows the link the operator made, so it must lead somewhere. */
  outDangling: (out: string, target: string) => `${out} is a link to ${target}, which does not exist`,
  outDanglingHint: (target: string) => `create ${target}, or point the link (or --out) at an existing folder`,
  /** The database file exists but cannot be opened for a reason of the machine's (permissions, a full disk). */
  cannotOpenSystem: (path: string, reason: string) => `cannot open database ${path}: ${reason}`,
  cannotOpenSystemHint: (path: string) =>
    `fix the permissions of ${path} and of its folder (the lock, the WAL and the spill folder live beside it), or free space`,
  /** DuckDB cannot read the file as a database: truncated, overwritten, not a database at all. */
  corrupt: (path: string, reason: string) => `database ${path} is damaged or not a DuckDB database: ${reason}`,
  corruptHint: (path: string) =>
    `restore ${path} from a backup, or move it aside and rebuild it from the logs (ingest, then stats --backfill)`,
  /** The nightly's default date (the clock's yesterday) is before the newest stored snapshot. */
  clockBack: (asOf: string, newest: string) =>
    `the clock's last complete day is ${asOf}, before the newest snapshot ${newest}: did the clock go back? ` +
    'not publishing an older day over the live site',
  clockBackHint: (newest: string) =>
    `check the clock (and the config's timezone); pass --as-of to publish a given day anyway, or, if ${newest} was ` +
    `stored by mistake, \`questlog snapshots delete ${newest}\``,
  /** SIGTERM or SIGINT reached a long job: it stops at its next safe point (between files, steps, page batches). */
  stopping: (signal: string) =>
    `received ${signal}: stopping at the next safe point, cleaning up (send it again to stop at once)`,
  /** A second signal: no clean-up, as kill -9 (the next run removes what is left). */
  stopNow: (signal: string) => `received ${signal} again: stopping at once; the next run cleans up`,
  /** The job's error (and the run's message in `questlog runs`) when a signal stopped it. */
  interrupted: (signal: string) => `interrupted by ${signal}`,
  interruptedHint:
    'stopped cleanly: what it had not finished was rolled back or removed (locks, temp files, a build folder), ' +
    'the live site unchanged; run it again',
  /** A standalone publish (or a nightly) finds the site's lock held. */
  siteLocked: (job: string, pid: number, started: string, out: string) =>
    `another ${job} is publishing ${out} (pid ${pid}, started ${started}); not starting`,
  /** The stored history's snapshots are in other zones than this run's (config `timezone` or --timezone changed). */
  zoneChanged: (tz: string, stored: { zone: string; n: number; first: string; last: string }[]) =>
    `the stored history is in ${stored.map((z) => `${z.zone} (${z.n} snapshot(s), ${z.first} .. ${z.last})`).join(', ')}, ` +
    `this run in ${tz}: its days would end at another midnight than theirs in one history; not computing`,
  zoneChangedHint: (tz: string, old: string, last: string) =>
    `to keep ${old}, set "timezone" back to "${old}" in the config; to move the whole history to ${tz}, recompute it ` +
    `in one go: \`questlog stats --backfill --timezone ${tz} --as-of ${last}\` (it replaces every stored day)`,
  /** A run's row left 'running' by a process that is gone, closed by the next recorded run. */
  runLost:
    'never recorded its end: its process was killed, or a fatal error (a full disk?) ended its database ' +
    'connection; closed by a later run',
};
