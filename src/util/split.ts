/**
 * Splits a message to fit a channel's length limit, preferring paragraph, then line, then sentence, then word
 * boundaries; a single word longer than the limit is cut. Never returns an empty part.
 */
export function splitText(text: string, maxChars: number): string[] {
  const parts: string[] = []
  let rest = text.trim()
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1)
    const cut =
      lastBreak(window, /\n\s*\n/g, maxChars) ??
      lastBreak(window, /\n/g, maxChars) ??
      lastBreak(window, /[.!?…](?=\s)/g, maxChars, 1) ??
      lastBreak(window, /\s/g, maxChars) ??
      maxChars
    parts.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest.length > 0) parts.push(rest)
  return parts.length > 0 ? parts : ['']
}

function lastBreak(window: string, pattern: RegExp, maxChars: number, keep = 0): number | undefined {
  let best: number | undefined
  for (const m of window.matchAll(pattern)) {
    const at = m.index + keep
    // A break in the first fifth would leave a tiny part; prefer a coarser split further on.
    if (at <= maxChars && at > maxChars / 5) best = at
  }
  return best
}
