// Progress of a backup or restore on stderr: steps, and counts within a step. On a terminal a step's
// count is rewritten in place; otherwise (a log, a pipe) it prints at each quarter of the step.

export type Progress = (step: string, done?: number, total?: number) => void;

export const silentProgress: Progress = () => undefined;

export function progressPrinter(out: NodeJS.WriteStream = process.stderr): Progress {
  let open = ''; // a terminal line being rewritten
  let current = '';
  let lastQuarter = -1;
  const closeLine = () => {
    if (open) out.write('\n');
    open = '';
  };
  return (step, done, total) => {
    if (done === undefined || total === undefined) {
      closeLine();
      out.write(`${step}\n`);
      return;
    }
    if (out.isTTY) {
      if (open !== step) closeLine();
      open = step;
      out.write(`\r${step}: ${done}/${total}`);
      if (done >= total) closeLine();
      return;
    }
    if (step !== current) {
      current = step;
      lastQuarter = -1;
    }
    const quarter = total === 0 ? 4 : Math.floor((done * 4) / total);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      out.write(`${step}: ${done}/${total}\n`);
    }
  };
}
