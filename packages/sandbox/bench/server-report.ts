/**
 * What a bench server reports about itself, over IPC: how many requests it
 * answered and the CPU time its process used (user + system, every thread),
 * so that the bench divides the server's own CPU by the server's own count.
 */

/** A server's answer to the `report` message. */
export interface ServerReport {
  readonly answered: number;
  /** process.cpuUsage(): user + system, in microseconds. */
  readonly cpuMicros: number;
}

/**
 * Answers the parent's `report` messages; returns the counter the server increments per answered request.
 * @example
 * const answered = serveReports();
 * server.on('request', (req, res) => res.on('finish', () => answered.count++));
 */
export function serveReports(): { count: number } {
  const answered = { count: 0 };
  process.on('message', (message) => {
    if (message !== 'report') return;
    const { user, system } = process.cpuUsage();
    const report: ServerReport = { answered: answered.count, cpuMicros: user + system };
    process.send?.(report);
  });
  return answered;
}
