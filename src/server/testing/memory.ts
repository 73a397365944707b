/** Runs `work`, sampling the RSS every 20 ms; returns the peak growth in MB. */
export async function peakRssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.round((Math.max(peak, process.memoryUsage().rss) - before) / 1048576);
}
