// Bounded waits: how long the app waits for work it does not control (a job finishing, a listener
// connecting, a library's last statements) before going on without it.

/**
 * Waits for `work`, at most `ms`: true if it fulfilled in time, false if the time ran out first (the
 * work goes on; nothing cancels it). A rejection in time rejects. The timer never keeps the
 * process alive, and it is cleared as soon as the work settles.
 */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
