import type { Locale } from '../i18n.ts'
import { allTopics, type TopicId } from './content.ts'
import { cueWords } from './facts.ts'
import type { Topic } from './schema.ts'

/**
 * Whether the content covers the support a question names. "hộ nghèo có được hỗ trợ tiền nước không" names a
 * support ("tiền nước") that no fact knows: the bot must say so and send the user to the commune, not answer
 * with the electricity topic that the classifier found closest.
 */

// Words that introduce the support asked for: "hỗ trợ X", "trợ cấp X", "miễn X", "cấp X", "phát X", "tặng X".
const FRAMES = [['ho', 'tro'], ['tro', 'cap'], ['mien'], ['giam'], ['cap'], ['phat'], ['tang'], ['bu'], ['support'], ['allowance'], ['free']]

// Words that end the support's name: question words, particles, pronouns, prepositions, time and amount words.
const STOP = new Set(
  (
    'khong ko k gi j nao bao nhieu sao duoc dc co cho cua o tai ve va voi hay hoac nhu la thi ma de khi neu nhung cac moi nay do ' +
    'roi nhe a ah oi vay ha nha ne em toi tui minh anh chi ban chau con bac ho hang thang nam ngay khoang chua da dang se ' +
    'nhan lanh lay nop ' +
    'bang theo tu den trong ngoai luon nua lam rat qua hon it nhieu gium giup voi xin muon can phai nen ai mot hai ba for of a ' +
    'is are does with my our any what how much'
  ).split(' '),
)

// A name starting with these is the asker or the State, not a support: "hỗ trợ hộ nghèo", "cấp xã", "miễn phí".
const NOT_A_SUPPORT = new Set(['may', 'ho', 'nguoi', 'gia', 'dan', 'nha', 'xa', 'huyen', 'tinh', 'phi', 'lai', 'them', 'ngheo', 'dong', 'chinh', 'che', 'quyen', 'poor', 'people', 'household', 'households'])
// "nhà ở", "nhà tạm" are supports; "nhà nghèo", "nhà em", "nhà nước" are not.
const HOUSE_WORDS = new Set(['o', 'tam', 'dot', 'cua', 'moi', 'hu'])

/**
 * The support a question names after "hỗ trợ / trợ cấp / miễn / cấp …", folded ("tien nuoc", "xe may"), or
 * undefined when it names none ("hộ nghèo được hỗ trợ gì", "có được hỗ trợ không").
 *
 * @example supportNamed('hộ nghèo có được hỗ trợ tiền nước không') // ['tien', 'nuoc']
 */
export function supportNamed(text: string): string[] | undefined {
  const words = cueWords(text)
  for (let i = 0; i < words.length; i++) {
    const frame = FRAMES.find((f) => f.every((w, k) => words[i + k] === w))
    if (!frame) continue
    let j = i + frame.length
    // "hỗ trợ mua xe đạp": the support is the thing bought.
    if (words[j] === 'mua') j++
    const name: string[] = []
    while (j < words.length && name.length < 3) {
      const w = words[j]!
      const isHouse = w === 'nha' && HOUSE_WORDS.has(words[j + 1] ?? '')
      if (STOP.has(w) && !(name.length === 0 && isHouse)) break
      if (name.length === 0 && NOT_A_SUPPORT.has(w) && !isHouse) break
      name.push(w)
      j++
    }
    // "tiền" alone ("hỗ trợ tiền không") names no particular support.
    if (name.length > 0 && !(name.length === 1 && name[0] === 'tien')) return name
  }
  return undefined
}

/** Words and adjacent word pairs of a topic: title, label, keywords, every fact's text and cues. */
interface Vocabulary {
  words: Set<string>
  pairs: Set<string>
}

function addText(vocab: Vocabulary, text: string): void {
  const words = cueWords(text)
  words.forEach((w, i) => {
    vocab.words.add(w)
    if (i > 0) vocab.pairs.add(`${words[i - 1]} ${w}`)
  })
}

function vocabularyOf(topics: readonly Topic[], curatedOnly: boolean): Vocabulary {
  const vocab: Vocabulary = { words: new Set(), pairs: new Set() }
  for (const topic of topics) {
    for (const keyword of topic.keywords) addText(vocab, keyword)
    addText(vocab, topic.label)
    if (curatedOnly) continue
    addText(vocab, topic.title)
    for (const fact of topic.facts) {
      addText(vocab, fact.text)
      for (const cue of fact.cues) addText(vocab, cue)
    }
  }
  return vocab
}

/**
 * "tiền X" must be known as a pair ("tiền điện" yes, "tiền nước" no), and so must every name when `strict` (the whole
 * content is searched, where every common word appears somewhere); otherwise a name is known word by word ("trâu
 * giống" in the livelihood topic).
 */
function knows(vocab: Vocabulary, name: readonly string[], strict = false): boolean {
  if ((name[0] === 'tien' || strict) && name.length > 1) return name.slice(1).every((w, i) => vocab.pairs.has(`${name[i]} ${w}`))
  return name.every((w) => vocab.words.has(w))
}

const cache = new Map<string, Vocabulary>()
function cached(key: string, make: () => Vocabulary): Vocabulary {
  let vocab = cache.get(key)
  if (!vocab) {
    vocab = make()
    cache.set(key, vocab)
  }
  return vocab
}

export type Coverage =
  /** No support named, or the topics at hand know it. */
  | { covered: true }
  /** Another topic is about it (its keywords name it): answer that one instead. */
  | { covered: true; topicId: TopicId }
  /** Nothing in the content is about it. */
  | { covered: false; name: string }

/**
 * Whether `topics` (the ones the question was routed to) cover the support the question names. When they do not,
 * another topic whose keywords name it takes the question; otherwise it is not covered. A support is recognised
 * in the folded words of the question, so the name in the answer is shown as the user typed it (folded).
 */
export function coverage(text: string, topics: readonly TopicId[], locale: Locale): Coverage {
  const name = supportNamed(text)
  if (!name) return { covered: true }
  // No topic at hand (a question no intent took): covered when any topic knows the name.
  const scope = topics.length > 0 ? topics : allTopics(locale).map((t) => t.id as TopicId)
  const here = cached(`${locale}:${[...scope].sort().join(',')}`, () => vocabularyOf(allTopics(locale).filter((t) => scope.includes(t.id as TopicId)), false))
  if (knows(here, name, topics.length === 0)) return { covered: true }
  for (const topic of allTopics(locale)) {
    if (scope.includes(topic.id as TopicId)) continue
    if (knows(cached(`${locale}:curated:${topic.id}`, () => vocabularyOf([topic], true)), name)) return { covered: true, topicId: topic.id as TopicId }
  }
  return { covered: false, name: typedName(text, name) }
}

/** The words of the name as the user typed them (diacritics kept), for the reply. */
function typedName(text: string, folded: readonly string[]): string {
  const raw = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const foldedRaw = raw.map((w) => cueWords(w).join(' '))
  for (let i = 0; i + folded.length <= raw.length; i++) {
    if (folded.every((w, k) => foldedRaw[i + k] === w)) return raw.slice(i, i + folded.length).join(' ').toLocaleLowerCase('vi')
  }
  return folded.join(' ')
}
