// CPU time of a process and all its descendants, from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second for /proc's utime/stime (`getconf CLK_TCK`; 100 on Linux). */
export const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** `{ pid, ppid, ticks }` per live process (utime + stime, in clock ticks). */
function readAll() {
  const processes = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let text;
    try {
      text = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the parenthesised command name (which may hold spaces): state is field 3.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    processes.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return processes;
}

/** Chromium's process type from its command line (`--type=renderer`, `gpu-process`, …); `browser` without one. */
export function chromiumProcessType(pid) {
  try {
    // Chromium rewrites its title, so arguments may be joined by spaces rather than NULs.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split(/[\0 ]+/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    if (!type) return 'browser';
    const service = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    return service ? `${type}:${service}` : type;
  } catch {
    return 'unknown';
  }
}

/**
 * The process's name as the kernel keeps it (/proc/PID/comm, 15 characters): for Firefox and
 * WebKit it tells the processes apart (`Isolated Web Co`, `RDD Process`; `WebKitWebProces`,
 * `WebKitNetworkPr`, `MiniBrowser`).
 */
export function processName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return 'unknown';
  }
}

/**
 * CPU ms used so far by `pid` and every descendant alive now, in total and per process type
 * (`typeOf(pid)`: Chromium's `--type` by default, or e.g. `processName`), with the pids
 * counted. (A process that exits between two readings loses its time; Chromium's stay up.)
 */
export function treeCpuMs(pid, typeOf = chromiumProcessType) {
  const all = readAll();
  const children = new Map();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const tree = all.filter((p) => p.pid === pid);
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  const byType = {};
  for (const p of tree) {
    const type = typeOf(p.pid);
    byType[type] = (byType[type] ?? 0) + (p.ticks * 1000) / clockTicks;
  }
  const ticks = tree.reduce((sum, p) => sum + p.ticks, 0);
  return { ms: (ticks * 1000) / clockTicks, byType, processes: tree.length };
}
