import vi from '../../locales/vi/lookup.json'
import en from '../../locales/en/lookup.json'
import { defineTexts } from '../i18n.ts'

/** The household register's texts (`lookup.*`). */
export const texts = defineTexts('lookup', { vi, en })
