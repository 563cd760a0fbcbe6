import vi from '../../locales/vi/contact.json'
import en from '../../locales/en/contact.json'
import { defineTexts } from '../i18n.ts'

/** The contact capability's texts (`contact.*`). */
export const texts = defineTexts('contact', { vi, en })
