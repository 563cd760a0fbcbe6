// Values the Workers tests' global setup provides (stand-in server URLs); both tsconfigs include this file.
declare module 'vitest' {
  export interface ProvidedContext {
    telegramApiRoot: string
    telegramCallsUrl: string
  }
}
export {}
