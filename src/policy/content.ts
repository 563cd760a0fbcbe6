import viPovertyStandard from '../../locales/vi/policies/poverty_standard.json'
import viPovertyIndicators from '../../locales/vi/policies/poverty_indicators.json'
import viPovertyStandard2027 from '../../locales/vi/policies/poverty_standard_2027.json'
import viHealthInsurance from '../../locales/vi/policies/health_insurance.json'
import viEducation from '../../locales/vi/policies/education.json'
import viCredit from '../../locales/vi/policies/credit.json'
import viHousing from '../../locales/vi/policies/housing.json'
import viElectricity from '../../locales/vi/policies/electricity.json'
import viJobs from '../../locales/vi/policies/jobs.json'
import viLivelihood from '../../locales/vi/policies/livelihood.json'
import viNationalProgramme from '../../locales/vi/policies/national_programme.json'
import viRegistration from '../../locales/vi/policies/registration.json'
import viReview from '../../locales/vi/policies/review.json'
import viExitPoverty from '../../locales/vi/policies/exit_poverty.json'
import viComplaints from '../../locales/vi/policies/complaints.json'
import viOverview from '../../locales/vi/policies/overview.json'
import viLegalAid from '../../locales/vi/policies/legal_aid.json'
import viSocialPension from '../../locales/vi/policies/social_pension.json'
import enPovertyStandard from '../../locales/en/policies/poverty_standard.json'
import enPovertyIndicators from '../../locales/en/policies/poverty_indicators.json'
import enPovertyStandard2027 from '../../locales/en/policies/poverty_standard_2027.json'
import enHealthInsurance from '../../locales/en/policies/health_insurance.json'
import enEducation from '../../locales/en/policies/education.json'
import enCredit from '../../locales/en/policies/credit.json'
import enHousing from '../../locales/en/policies/housing.json'
import enElectricity from '../../locales/en/policies/electricity.json'
import enJobs from '../../locales/en/policies/jobs.json'
import enLivelihood from '../../locales/en/policies/livelihood.json'
import enNationalProgramme from '../../locales/en/policies/national_programme.json'
import enRegistration from '../../locales/en/policies/registration.json'
import enReview from '../../locales/en/policies/review.json'
import enExitPoverty from '../../locales/en/policies/exit_poverty.json'
import enComplaints from '../../locales/en/policies/complaints.json'
import enOverview from '../../locales/en/policies/overview.json'
import enLegalAid from '../../locales/en/policies/legal_aid.json'
import enSocialPension from '../../locales/en/policies/social_pension.json'
import register from '../../locales/legal-documents.json'
import type { Locale } from '../i18n.ts'
import type { LegalDocument, PolicyIntent, Topic } from './schema.ts'
import { validateContent } from './validate.ts'

// Static imports, not file reads: the Workers bundle carries the content and has no filesystem.
const RAW = {
  vi: {
    poverty_standard: viPovertyStandard,
    poverty_indicators: viPovertyIndicators,
    poverty_standard_2027: viPovertyStandard2027,
    health_insurance: viHealthInsurance,
    education: viEducation,
    credit: viCredit,
    housing: viHousing,
    electricity: viElectricity,
    jobs: viJobs,
    livelihood: viLivelihood,
    national_programme: viNationalProgramme,
    registration: viRegistration,
    review: viReview,
    exit_poverty: viExitPoverty,
    complaints: viComplaints,
    overview: viOverview,
    legal_aid: viLegalAid,
    social_pension: viSocialPension,
  },
  en: {
    poverty_standard: enPovertyStandard,
    poverty_indicators: enPovertyIndicators,
    poverty_standard_2027: enPovertyStandard2027,
    health_insurance: enHealthInsurance,
    education: enEducation,
    credit: enCredit,
    housing: enHousing,
    electricity: enElectricity,
    jobs: enJobs,
    livelihood: enLivelihood,
    national_programme: enNationalProgramme,
    registration: enRegistration,
    review: enReview,
    exit_poverty: enExitPoverty,
    complaints: enComplaints,
    overview: enOverview,
    legal_aid: enLegalAid,
    social_pension: enSocialPension,
  },
}

/** Every policy topic id, main topics of each intent first. */
export type TopicId = keyof typeof RAW.vi

export const TOPIC_IDS = Object.keys(RAW.vi) as TopicId[]

const result = validateContent(RAW, register)
// Fail at module load, so a bad topic breaks the tests and the worker build instead of reaching a user.
if (!result.ok) throw new Error(`Policy content is invalid:\n${result.errors.join('\n')}`)
const CONTENT = result.content.topics
const REGISTER = result.content.register

/** Whether `value` names a policy topic (e.g. from a button value). */
export function isTopicId(value: string): value is TopicId {
  return Object.hasOwn(RAW.vi, value)
}

/**
 * The validated topic in `locale`.
 * @throws RangeError for an unknown id (a programming error; check with `isTopicId` first).
 */
export function getTopic(id: TopicId, locale: Locale): Topic {
  const topic = CONTENT[locale].get(id)
  if (!topic) throw new RangeError(`Unknown policy topic "${id}"`)
  return topic
}

/** The main topic answering a `policy.*` intent: the topic whose id is the intent's suffix. */
export function topicForIntent(intent: PolicyIntent): TopicId {
  return intent.slice('policy.'.length) as TopicId
}

/** Every topic under an intent, main topic first (e.g. policy.registration → registration, review, exit_poverty, complaints). */
export function topicsForIntent(intent: PolicyIntent): TopicId[] {
  return TOPIC_IDS.filter((id) => CONTENT.vi.get(id)?.intent === intent).sort((a, b) =>
    a === topicForIntent(intent) ? -1 : b === topicForIntent(intent) ? 1 : 0,
  )
}

/**
 * A legal document of the register.
 * @throws RangeError for an unknown id (validation guarantees every cited id exists).
 */
export function getDocument(id: string): LegalDocument {
  const doc = REGISTER.get(id)
  if (!doc) throw new RangeError(`Unknown legal document "${id}"`)
  return doc
}

/** Every document of the register, in file order. */
export function allDocuments(): LegalDocument[] {
  return [...REGISTER.values()]
}

/** All topics of a locale, in `TOPIC_IDS` order. */
export function allTopics(locale: Locale): Topic[] {
  return TOPIC_IDS.map((id) => getTopic(id, locale))
}
