import { readFileSync, writeFileSync } from "node:fs";

/**
 * Peak RSS of another process (Linux /proc): the kernel's VmHWM, reset before a series where
 * allowed, and VmRSS sampled every SAMPLE_EVERY_MS, since VmHWM alone misses a reset refused.
 */
export const SAMPLE_EVERY_MS = 20;

export interface PeakMemory {
  peakRssBytes: number;
  peakResetBeforeSeries: boolean;
  sampledMaxRssBytes: number;
  samples: number;
}

export function rssBytes(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

/** VmRSS every 20 ms and VmHWM at the end; VmHWM is reset first (clear_refs 5) when allowed. */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private maxRss = 0;
  private samples = 0;
  private readonly reset: boolean;

  constructor(private readonly pid: number) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
      this.reset = true;
    } catch {
      this.reset = false;
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  private sample(): void {
    this.maxRss = Math.max(this.maxRss, rssBytes(this.pid).rss);
    this.samples++;
  }

  stop(): PeakMemory {
    clearInterval(this.timer);
    this.sample();
    return {
      peakRssBytes: Math.max(rssBytes(this.pid).hwm, this.maxRss),
      peakResetBeforeSeries: this.reset,
      sampledMaxRssBytes: this.maxRss,
      samples: this.samples,
    };
  }
}
