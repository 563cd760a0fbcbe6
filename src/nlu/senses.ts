import senses from '../../locales/vi/nlu/senses.json'
import { analyzeText, fold, type AnalyzedText } from './normalize.ts'

/**
 * The words the intent classifier reads: the folded tokens, with the few words whose meaning depends on their
 * neighbours resolved first (data: locales/vi/nlu/senses.json). Folding merges "nhà" (house) with the particle
 * "nha", and "vay" (borrow) with "vậy" (so); "nhà tôi" is a household, "nhà nước" the state, "bà con" the
 * villagers. Without this, a villager's "vậy nhà em có được không nha" reads as housing and credit.
 *
 * Resolved senses become tokens with a "~" ("nha~nuoc", "vay~"), which no typed word can contain. Only the
 * classifier reads them: entity parsers keep the plain folded tokens.
 */

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false
  return true
}
const foldedSet = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => fold(x)))

interface Compound {
  accented: string[]
  folded: string[]
  token: string
}
/** Compounds by their first folded word, longest first. */
const COMPOUNDS = new Map<string, Compound[]>()
for (const phrase of senses.compounds) {
  const { accented, folded } = analyzeText(phrase)
  const list = COMPOUNDS.get(folded[0] as string) ?? []
  list.push({ accented, folded, token: folded.join('~') })
  list.sort((a, b) => b.folded.length - a.folded.length)
  COMPOUNDS.set(folded[0] as string, list)
}
const FAMILY_HEAD = fold(senses.family.head)
const FAMILY_TOKEN = fold(senses.family.token).split(' ').join('~')
const FAMILY_NEXT = foldedSet(senses.family.next)
const TAIL = foldedSet(senses.particles.tail)
const NHA = senses.particles.nha
const NHA_PARTICLE_FORMS = new Set(NHA.accented)
const HOUSE_BEFORE = foldedSet(NHA.houseBefore)
const VAY = senses.particles.vay
const VAY_PARTICLE_FORMS = new Set(VAY.accented)
const PARTICLE_AFTER = foldedSet(VAY.particleAfter)
const BORROW_BEFORE = foldedSet(VAY.borrowBefore)
const BORROW_AFTER = foldedSet(VAY.borrowAfter)
const PARTICLE_BEFORE = foldedSet(VAY.particleBefore)
const SYNONYMS = new Map<string, { accented: string; to: string; accentedOnly: boolean }>()
for (const [word, to] of Object.entries(senses.synonyms)) {
  SYNONYMS.set(fold(word), { accented: word, to: fold(to), accentedOnly: senses.accentedOnly.includes(word) })
}
/** A place named by its first word and the next ("đăk hà", "kon tum"): one token, whichever place it is. */
const PLACE = '0place'
const PLACE_STARTS = foldedSet(senses.places.starts)
const PLACE_STARTS_TYPED = new Set(senses.places.starts)
const PARTICLE_NHA = 'nha~'
const PARTICLE_VAY = 'vay~'
/** "75t", "80tuoi": an age glued to its unit. */
const AGE = /^(\d{1,3})(?:t|tuoi)$/

/** Whether token i (typed as `accented`) matches compound word `w`: with its diacritics, or typed without any. */
function wordMatches(accented: string, folded: string, c: Compound, k: number): boolean {
  return accented === c.accented[k] || (folded === c.folded[k] && isAscii(accented))
}

/** A person's name, wherever it stands: what matters to the intent is that a name is there, not which. */
const NAME = '0name'

/** Where the words of a name (as typed) stand among the message's folded tokens, or -1. */
function nameStart(folded: readonly string[], nameTokens: readonly string[]): number {
  outer: for (let i = 0; i + nameTokens.length <= folded.length; i++) {
    for (let k = 0; k < nameTokens.length; k++) if (folded[i + k] !== nameTokens[k]) continue outer
    return i
  }
  return -1
}

/**
 * The classifier's tokens for one analysed message. `name`: the words of a person's name found in it
 * (names.ts), read as one token.
 */
export function classifierTokens(text: AnalyzedText, name?: readonly string[]): string[] {
  const { accented, folded } = text
  const n = folded.length
  let nameAt = -1
  let nameEnd = -1
  if (name !== undefined && name.length > 0) {
    const nameTokens = analyzeText(name.join(' ')).folded
    nameAt = nameTokens.length > 0 ? nameStart(folded, nameTokens) : -1
    nameEnd = nameAt + nameTokens.length
  }
  // Where the rest of the message is only particles and forms of address ("… nha ad ơi").
  const tailFrom = new Uint8Array(n + 1)
  tailFrom[n] = 1
  for (let j = n - 1; j >= 0; j--) tailFrom[j] = tailFrom[j + 1] === 1 && TAIL.has(folded[j] as string) ? 1 : 0
  let marked = false
  for (const a of accented) if (!isAscii(a)) marked = true

  const out: string[] = []
  for (let i = 0; i < n; i++) {
    if (i === nameAt) {
      out.push(NAME)
      i = nameEnd - 1
      continue
    }
    const f = folded[i] as string
    const a = accented[i] as string
    const compounds = COMPOUNDS.get(f)
    if (compounds) {
      const hit = compounds.find((c) => c.folded.length <= n - i && c.folded.every((_, k) => wordMatches(accented[i + k] as string, folded[i + k] as string, c, k)))
      if (hit) {
        out.push(hit.token)
        i += hit.folded.length - 1
        continue
      }
    }
    const next = folded[i + 1]
    const prev = folded[i - 1]
    // Typed with its diacritics ("Đăk", not "Đắc"), or without any ("dak").
    if ((PLACE_STARTS_TYPED.has(a) || (isAscii(a) && PLACE_STARTS.has(f))) && next !== undefined && i + 1 !== nameAt && !/\d/.test(next)) {
      out.push(PLACE)
      i++
      continue
    }
    if (f === FAMILY_HEAD) {
      out.push(senseOfNha(a, marked, prev, next, i > 0 && tailFrom[i + 1] === 1))
      continue
    }
    if (f === 'vay') {
      out.push(senseOfVay(a, prev, folded[i - 2], next, i > 0 && tailFrom[i + 1] === 1, text.clauseStarts.includes(i)))
      continue
    }
    const synonym = SYNONYMS.get(f)
    if (synonym && (a === synonym.accented || (!synonym.accentedOnly && isAscii(a)))) {
      out.push(synonym.to)
      continue
    }
    const age = f.length <= 7 ? AGE.exec(f) : null
    if (age) {
      out.push(age[1] as string, 'tuoi')
      continue
    }
    out.push(f)
  }
  return out
}

/** "nhà" the house, "nhà tôi" the household, or the particle "nha" ("giúp em nha"). */
function senseOfNha(accented: string, marked: boolean, prev: string | undefined, next: string | undefined, onlyTailAfter: boolean): string {
  // Typed without any diacritics, "nha" after "sửa", "làm", "xây"… is the house even at the end.
  const bareHouse = accented === 'nha' && !marked && prev !== undefined && HOUSE_BEFORE.has(prev)
  // At the end, before only forms of address ("giúp em nha chị"): the particle.
  if (NHA_PARTICLE_FORMS.has(accented) && onlyTailAfter && !bareHouse) return PARTICLE_NHA
  if (next !== undefined && FAMILY_NEXT.has(next)) return FAMILY_TOKEN
  // Typed with diacritics, a bare "nha" or "nhá" is the particle: the house would be "nhà".
  if (accented === 'nhá' || (accented === 'nha' && marked)) return PARTICLE_NHA
  return 'nha'
}

/** "vay" (borrow) or "vậy" typed without its tone ("sao vay", "vay con ngheo ko"). */
function senseOfVay(
  accented: string,
  prev: string | undefined,
  prev2: string | undefined,
  next: string | undefined,
  onlyTailAfter: boolean,
  clauseStart: boolean,
): string {
  if (VAY_PARTICLE_FORMS.has(accented)) return PARTICLE_VAY
  if (accented !== 'vay') return 'vay' // "váy", "vày": neither
  if (next !== undefined && BORROW_BEFORE.has(next)) return 'vay'
  // "…, vay ho can ngheo la sao": opening a clause, it is "vậy" (a loan would come with "vốn", "tiền"…).
  if (clauseStart) return PARTICLE_VAY
  if (prev !== undefined && PARTICLE_AFTER.has(prev)) return PARTICLE_VAY
  if (prev !== undefined && BORROW_AFTER.has(prev)) return 'vay'
  // Two words back ("muốn đi vay") only inside the message: at its end, "…trận tiếp theo vậy" is the particle.
  if (prev2 !== undefined && BORROW_AFTER.has(prev2) && !onlyTailAfter) return 'vay'
  if (next !== undefined && PARTICLE_BEFORE.has(next)) return PARTICLE_VAY
  return onlyTailAfter ? PARTICLE_VAY : 'vay'
}
