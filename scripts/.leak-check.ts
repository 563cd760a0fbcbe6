import { fold, normalize } from '../src/nlu/normalize.ts'
import { TRAINING_DATA } from '../src/nlu/training-data.ts'
import dev2 from '../test/nlu/dev2.json' with { type: 'json' }
import sealed2 from '../test/nlu/sealed2.json' with { type: 'json' }
const key = (s: string) => fold(normalize(s))
const training = new Set(Object.values(TRAINING_DATA).flat().map(key))
for (const m of dev2 as { text: string }[]) if (key(m.text).split(' ').length >= 5 && training.has(key(m.text))) console.log('dev2 leak:', m.text)
console.log('sealed2 leaks:', (sealed2 as { text: string }[]).filter((m) => key(m.text).split(' ').length >= 5 && training.has(key(m.text))).length)
