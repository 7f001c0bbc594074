// Alternating pairs: the baseline and the candidate run in turn, swapping which goes first
// every pair, so drift on a shared machine lands on both sides. Ratios are candidate over
// baseline within one pair, then summarized as median and range across pairs.
import { spread } from './stats.mjs';

/**
 * Runs `pairCount` pairs of `runBaseline()` and `runCandidate()`, each returning a summary
 * object, and returns both lists of summaries in pair order.
 *
 * @template T
 * @param {number} pairCount
 * @param {() => Promise<T>} runBaseline
 * @param {() => Promise<T>} runCandidate
 */
export async function runAlternatingPairs(pairCount, runBaseline, runCandidate) {
  const baseline = [];
  const candidate = [];
  for (let pair = 0; pair < pairCount; pair += 1) {
    if (pair % 2 === 0) {
      baseline.push(await runBaseline());
      candidate.push(await runCandidate());
    } else {
      candidate.push(await runCandidate());
      baseline.push(await runBaseline());
    }
  }

  return { baseline, candidate };
}

/**
 * Returns the median and range of `candidate[i][field] / baseline[i][field]` over the pairs,
 * and the median of each side's own values.
 */
export function pairRatio(pairs, field) {
  const ratios = pairs.baseline.map((base, index) => pairs.candidate[index][field] / base[field]);

  return {
    ...spread(ratios),
    baselineMedian: spread(pairs.baseline.map((base) => base[field])).median,
    candidateMedian: spread(pairs.candidate.map((cand) => cand[field])).median,
  };
}
