/** A Windows-1258 encoder for test files (no dependency, so it also runs inside workerd). */

/** Windows-1258's upper half, read from the platform's own decoder. */
const CP1258 = (() => {
  const table = new Map<string, number>()
  const decoded = new TextDecoder('windows-1258').decode(Uint8Array.from({ length: 128 }, (_, i) => 128 + i))
  ;[...decoded].forEach((ch, i) => {
    if (ch !== '\uFFFD') table.set(ch, 128 + i)
  })
  return table
})()

/**
 * Text → Windows-1258 bytes the way Windows writes Vietnamese: each letter with its marks is written as the
 * precomposed letter with the most of its marks the code page has (â, ơ, ư, đ, à …), followed by the other marks as
 * combining characters ("ệ" = ê + dot below).
 */
export function encodeWindows1258(text: string): Uint8Array {
  const out: number[] = []
  const clusters = text.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []
  for (const cluster of clusters) {
    const [base, ...marks] = [...cluster]
    // Any subset of the marks may have a precomposed letter (NFD puts the dot below before the circumflex).
    const subsets = Array.from({ length: 1 << marks.length }, (_, mask) => marks.filter((_, i) => mask & (1 << i)))
    subsets.sort((a, b) => b.length - a.length)
    let rest: string[] = marks
    let code: number | undefined
    for (const subset of subsets) {
      const composed = (base + subset.join('')).normalize('NFC')
      const c = composed.length === 1 ? (composed.charCodeAt(0) < 128 ? composed.charCodeAt(0) : CP1258.get(composed)) : undefined
      if (c !== undefined) {
        code = c
        rest = marks.filter((m) => !subset.includes(m))
        break
      }
    }
    if (code === undefined) throw new Error(`cannot write ${JSON.stringify(cluster)} in Windows-1258`)
    out.push(code)
    for (const mark of rest) {
      const m = CP1258.get(mark)
      if (m === undefined) throw new Error(`no Windows-1258 byte for mark U+${mark.codePointAt(0)!.toString(16)}`)
      out.push(m)
    }
  }
  return Uint8Array.from(out)
}
