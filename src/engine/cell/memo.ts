/** How many long texts' answers each function keeps (the last ones asked about). */
export const LONG_KEPT = 16;

/**
 * A function of a text whose answers for short texts are kept: headers, units, marks and years repeat
 * on every sheet of a folder, so each is worked out once. At most `entries` answers are kept (then
 * they start afresh). A text longer than `maxLength` (a 考察, written once) is not kept with them:
 * only the answers for the last LONG_KEPT long texts are, because reading a sheet asks about each of
 * its long texts several times in a row (about five times each on the bench's sheets). The answers
 * must not be changed by the callers (they are shared).
 */
export function memoByText<V>(compute: (text: string) => V, maxLength = 48, entries = 20000): (text: string) => V {
  const memo = new Map<string, V>();
  const longTexts: string[] = [];
  const longAnswers: V[] = [];
  let longAt = 0;
  return (text: string): V => {
    if (text.length > maxLength) {
      for (let k = 0; k < longTexts.length; k++) if (longTexts[k] === text) return longAnswers[k];
      const answer = compute(text);
      longTexts[longAt] = text;
      longAnswers[longAt] = answer;
      longAt = (longAt + 1) % LONG_KEPT;
      return answer;
    }
    let hit = memo.get(text);
    if (hit === undefined) {
      if (memo.size >= entries) memo.clear();
      hit = compute(text);
      memo.set(text, hit);
    }
    return hit;
  };
}
