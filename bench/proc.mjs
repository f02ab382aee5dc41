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

/**
 * CPU ms used so far by `pid` and every descendant alive now, with the pids counted.
 * (A process that exits between two readings loses its time; Chromium's stay up.)
 */
export function treeCpuMs(pid) {
  const all = readAll();
  const children = new Map();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const tree = all.filter((p) => p.pid === pid);
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  const ticks = tree.reduce((sum, p) => sum + p.ticks, 0);
  return { ms: (ticks * 1000) / clockTicks, processes: tree.length };
}
