import * as os from 'node:os';

/** The machine and how busy it is: numbers from a shared machine mean little without this. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1073741824).toFixed(0)} GB, ${os.type()} ${os.release()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}
