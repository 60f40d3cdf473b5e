/**
 * A function of a text whose answers for short texts are kept: headers, units, marks and years repeat
 * on every sheet of a folder, so each is worked out once. At most `entries` answers are kept (then
 * they start afresh); a text longer than `maxLength` (a 考察, written once) is answered each time and
 * not kept. The answers must not be changed by the callers (they are shared).
 */
export function memoByText<V>(compute: (text: string) => V, maxLength = 48, entries = 20000): (text: string) => V {
  const memo = new Map<string, V>();
  return (text: string): V => {
    if (text.length > maxLength) return compute(text);
    let hit = memo.get(text);
    if (hit === undefined) {
      if (memo.size >= entries) memo.clear();
      hit = compute(text);
      memo.set(text, hit);
    }
    return hit;
  };
}
