/** A one-line progress bar on a terminal (stderr). */
import * as path from "path";

export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly label: (done: number, total: number) => string,
    private readonly minIntervalMs = 80,
  ) {}

  /** Redraw (throttled, except for the last file). */
  update(done: number, file?: string): void {
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    const columns = Math.max(40, this.stream.columns ?? 80);
    const width = Math.min(30, Math.max(10, Math.floor(columns / 4)));
    const filled = this.total ? Math.round((done / this.total) * width) : width;
    const pct = this.total ? Math.floor((done / this.total) * 100) : 100;
    let line = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${pct}% ${this.label(done, this.total)}`;
    if (file) line += ` ${path.basename(file)}`;
    // East Asian characters take two columns: keep well inside the terminal width.
    let budget = columns - 1;
    let cut = "";
    for (const ch of line) {
      const w = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
      if (budget - w < 0) break;
      budget -= w;
      cut += ch;
    }
    this.stream.write(`\r${cut}\x1b[K`);
    this.drawn = true;
  }

  /** Remove the bar so that what follows starts on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write("\r\x1b[K");
    this.drawn = false;
  }
}
