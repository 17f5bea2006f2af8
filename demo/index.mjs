import { applyTexts, pageLocale } from './i18n.mjs';

applyTexts(pageLocale());
