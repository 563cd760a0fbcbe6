import vi from '../../locales/vi/reminders.json'
import en from '../../locales/en/reminders.json'
import { defineTexts } from '../i18n.ts'

/** The reminders capability's texts (`reminders.*`). */
export const texts = defineTexts('reminders', { vi, en })
