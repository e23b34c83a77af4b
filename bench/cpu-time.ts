/**
 * CPU time spent by processes, read from Linux's /proc: what a request costs the app and the database,
 * which varies far less from run to run than requests per second on a shared machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const MS_PER_TICK = 10;

/** utime + stime of one process (all its threads), in ms; 0 once it is gone or off Linux. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on this machine (backends, writers and checkpointer alike). */
function postgresPids(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && commandOf(entry) === 'postgres').map(Number);
}

function commandOf(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  appMs: number;
  /** Per process, so a backend that exits between snapshots does not subtract from the total. */
  postgresByPid: Map<number, number>;
}

export const cpuAvailable = (): boolean => processCpuMs(process.pid) > 0 || postgresPids().length > 0;

export function cpuSnapshot(appPids: readonly number[]): CpuSnapshot {
  return {
    appMs: appPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    postgresByPid: new Map(postgresPids().map((pid) => [pid, processCpuMs(pid)])),
  };
}

/** CPU ms the app and PostgreSQL spent between two snapshots (processes that started meanwhile count whole). */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): { appMs: number; postgresMs: number } {
  let postgresMs = 0;
  for (const [pid, ms] of after.postgresByPid) postgresMs += ms - (before.postgresByPid.get(pid) ?? 0);
  return { appMs: after.appMs - before.appMs, postgresMs };
}
