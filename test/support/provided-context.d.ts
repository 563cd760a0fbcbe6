// Values the Workers tests' global setup provides (stand-in server URLs, test files); both tsconfigs include this file.
declare module 'vitest' {
  export interface ProvidedContext {
    telegramApiRoot: string
    telegramCallsUrl: string
    /** A commune list of 4,000 households as XLSX, base64 (its sheet is over the 512 KB where fflate would start a Worker). */
    householdsXlsxBase64: string
  }
}
export {}
