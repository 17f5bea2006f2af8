// The React checkout's own texts; the shared ones (email, phone link, outcome
// messages, navigation) come from ../i18n.mjs.
const TEXTS = {
  en: {
    title: 'Rocket Rides: save Cash App Pay (React)',
    lead: 'The same checkout as a React app, built with Vite from the npm package: <SetupFlowProvider> and <CashAppSetup> from setupflow/react.',
    details: 'Your details',
    continue: 'Continue to payment',
    payment: 'Payment method',
    loading: 'Loading…',
    phoneLead: 'No phone at hand?',
    toConsole: 'See the saved account in the merchant console',
  },
  fr: {
    title: 'Rocket Rides : enregistrer Cash App Pay (React)',
    lead: 'Le même paiement en application React, construite avec Vite à partir du paquet npm : <SetupFlowProvider> et <CashAppSetup> de setupflow/react.',
    details: 'Vos coordonnées',
    continue: 'Continuer vers le paiement',
    payment: 'Moyen de paiement',
    loading: 'Chargement…',
    phoneLead: 'Pas de téléphone sous la main ?',
    toConsole: 'Voir le compte enregistré dans la console marchand',
  },
};

export const LOCALES = Object.keys(TEXTS);

export const reactTexts = (locale) => TEXTS[locale] || TEXTS.en;
