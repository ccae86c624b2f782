// One bench run per data folder: bench/run.js empties <data>/run when it starts and when it ends, so a second run
// started beside a long one (a 100M run takes most of an hour) would delete the first one's databases and DuckDB
// temp files under it and make it fail midway. The lock names the run holding it; a lock left by a run that no
// longer exists (killed) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Takes `path` for this process, or throws naming the live run that holds it. Returns the release function. */
export function takeLock(path, what) {
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      const release = () => {
        if (holder(path) === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const pid = holder(path);
    if (pid !== undefined && alive(pid)) {
      throw new Error(
        `another bench run (pid ${pid}) is using ${what}; wait for it, or pass --data with another folder`,
      );
    }
    rmSync(path, { force: true });
  }
}

function holder(path) {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
