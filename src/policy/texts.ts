import vi from '../../locales/vi/policy.json'
import en from '../../locales/en/policy.json'
import { defineTexts } from '../i18n.ts'

/** The policy capability's texts (`policy.*`). */
export const texts = defineTexts('policy', { vi, en })
