// Crash tests kill a process at a named step (QUESTLOG_FAULT=<step>): deterministic where a timer is not, so a test can
// prove that the next run recovers from a kill at exactly that point. Unset in normal runs: one env lookup per step.

/** SIGKILLs this process when `QUESTLOG_FAULT` names this step: no cleanup, no finally, as a power cut or OOM kill. */
export function faultPoint(step: string): void {
  if (process.env.QUESTLOG_FAULT === step) process.kill(process.pid, 'SIGKILL');
}

/**
 * Ends the current worker thread (not the process) when `QUESTLOG_FAULT` names this step: a render worker dying
 * mid-publish, which the publish must report and survive (the live site untouched, no worker left running).
 */
export function workerFault(step: string): void {
  if (process.env.QUESTLOG_FAULT === step) process.exit(70);
}
