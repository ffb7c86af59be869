/**
 * Patterns of text fields: a JavaScript regular expression (Unicode mode) the whole value must
 * match, as with HTML's pattern attribute. Values are checked on the server for every offer, so
 * a pattern must not be able to take exponential time: shapes known to backtrack
 * catastrophically are refused with the part that is at fault.
 */

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; message: string };

export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

interface Frame {
  /** Some part inside repeats (a *, +, {n,} or {n,m} with m > 1). */
  repeats: boolean;
  /** The group splits into alternatives at its own level. */
  alternates: boolean;
  start: number;
}

/** Reads a {n}, {n,} or {n,m} quantifier at i; null when the brace is not one. */
function readBraces(p: string, i: number): { end: number; repeats: boolean; unbounded: boolean } | null {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (!m) return null;
  const min = Number(m[1]);
  const unbounded = m[2] !== undefined && m[3] === '';
  const max = m[2] === undefined ? min : unbounded ? Infinity : Number(m[3]);
  return { end: i + m[0].length, repeats: max > 1, unbounded };
}

/**
 * Finds the shapes that make backtracking exponential: a repeated group that itself holds a
 * repetition ((a+)+, (\w+\s?)*, ((ab)*c){2,}), a repeated group of alternatives (a|ab)*, which
 * can overlap, and back-references, whose matching cannot be bounded.
 */
export function unsafePatternReason(p: string): string | null {
  const stack: Frame[] = [{ repeats: false, alternates: false, start: 0 }];
  /** What a quantifier right here would apply to: a closed group (its frame) or a single atom. */
  let last: Frame | 'atom' | null = null;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && p[i + 2] === '<')) return 'uses a back-reference, which can take exponential time; match the text again instead';
      const close = next === 'u' && p[i + 2] === '{' ? p.indexOf('}', i) : -1;
      i = close > i ? close : i + 1;
      last = 'atom';
      continue;
    }
    if (c === '[') {
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
      last = 'atom';
      continue;
    }
    if (c === '(') {
      stack.push({ repeats: false, alternates: false, start: i });
      if (p[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(p.slice(i));
        i += named ? named[0].length - 1 : p[i + 2] === '<' ? 3 : 2;
      }
      last = null;
      continue;
    }
    if (c === ')') {
      const frame = stack.length > 1 ? stack.pop()! : null;
      if (frame) {
        const parent = stack[stack.length - 1]!;
        if (frame.repeats) parent.repeats = true;
      }
      last = frame;
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1]!.alternates = true;
      last = null;
      continue;
    }
    let repeats = false;
    let end = i;
    if (c === '*' || c === '+') repeats = true;
    else if (c === '?') repeats = false;
    else if (c === '{') {
      const b = readBraces(p, i);
      if (b) {
        repeats = b.repeats;
        end = b.end - 1;
      } else {
        last = 'atom';
        continue;
      }
    } else {
      last = 'atom';
      continue;
    }
    // A quantifier.
    if (last && last !== 'atom' && repeats) {
      const group = p.slice(last.start, i);
      if (last.repeats) return `repeats the group ${group} which itself repeats (nested quantifiers), which can take exponential time; write it without the outer or the inner repetition`;
      if (last.alternates) return `repeats the group of alternatives ${group}, which can take exponential time when the alternatives overlap; use a character class like [ab] instead`;
    }
    if (repeats) stack[stack.length - 1]!.repeats = true;
    i = end;
    if (p[i + 1] === '?') i++; // lazy
    last = null;
  }
  return null;
}

export function checkPattern(pattern: string, maxChars: number): PatternCheck {
  if (pattern.length === 0) return { ok: false, message: 'is empty: leave pattern out, or write a regular expression' };
  if (pattern.length > maxChars) return { ok: false, message: `must be at most ${maxChars} characters` };
  let regex: RegExp;
  try {
    regex = compilePattern(pattern);
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    return { ok: false, message: `is not a valid regular expression: ${why}` };
  }
  const unsafe = unsafePatternReason(pattern);
  if (unsafe) return { ok: false, message: `is unsafe: it ${unsafe}` };
  return { ok: true, regex };
}
