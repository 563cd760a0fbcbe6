import vi from '../../locales/vi/roles.json'
import en from '../../locales/en/roles.json'
import { defineTexts } from '../i18n.ts'

/** The roles capability's texts (`roles.*`). */
export const texts = defineTexts('roles', { vi, en })
