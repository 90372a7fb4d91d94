// A reporter that ends the run when a test file runs longer than it ever should. Vitest's own
// timeouts live in the worker, so a test that blocks the worker's event loop (a spinning loop, a
// synchronous call into native code that never returns) would otherwise hold the run until CI kills
// it, without saying which file. This runs in the main process, names the file and the test, and
// stops every process the run started.
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class HangWatchdog implements Reporter {
  private readonly running = new Map<string, { since: number; test?: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly limitMs: number) {}

  onTestRunStart(): void {
    this.timer = setInterval(() => this.check(), 1000);
    this.timer.unref();
  }

  onTestModuleQueued(module: TestModule): void {
    this.running.set(module.moduleId, { since: Date.now() });
  }

  onTestCaseReady(test: TestCase): void {
    const entry = this.running.get(test.module.moduleId);
    if (entry) entry.test = test.fullName;
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(module.moduleId);
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    for (const [file, entry] of this.running) {
      const seconds = Math.round((Date.now() - entry.since) / 1000);
      if (seconds * 1000 < this.limitMs) continue;
      process.stderr.write(
        `\n[hang-watchdog] HUNG: ${path.relative(process.cwd(), file)} has run for ${seconds} s ` +
          `(limit ${this.limitMs / 1000} s)${entry.test ? `, in "${entry.test}"` : ''}. Stopping the run.\n`,
      );
      killDescendants(process.pid);
      process.exit(1);
    }
  }
}

/** SIGKILLs every process below `pid` (test workers, servers they started), deepest first. */
function killDescendants(pid: number): void {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the command name, which may contain spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const visit = (p: number) => {
    for (const child of children.get(p) ?? []) {
      visit(child);
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  visit(pid);
}
