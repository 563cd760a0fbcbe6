import vi from '../../locales/vi/eligibility.json'
import en from '../../locales/en/eligibility.json'
import { defineTexts } from '../i18n.ts'

/** The eligibility capability's texts (`eligibility.*`). */
export const texts = defineTexts('eligibility', { vi, en })
