// Page texts for the demo, in English and French. The page language comes
// from ?lang=, then the browser's languages; the consent text itself comes
// from the C++ core through the package. Every locale has every key
// (tests/node/locales.test.mjs): there is no fallback to English.
const TEXTS = {
  en: {
    checkoutTitle: 'Rocket Rides: save Cash App Pay',
    checkoutLead: 'Save your Cash App account so Rocket Rides can charge your future rides.',
    save: 'Save Cash App Pay',
    pay: 'Pay $12.00 and save Cash App Pay',
    email: 'Email',
    phone: 'Open the simulated Cash App phone',
    phoneHelp: 'No second device? The simulated phone approves or declines this request.',
    scanTitle: 'Scan with Cash App',
    qrLabel: 'Cash App Pay QR code',
    refreshIn: 'New code in {s} s',
    refreshed: 'The QR code was refreshed. Scan the new code.',
    cancel: 'Cancel',
    starting: 'Creating the request…',
    waiting: 'Waiting for approval in Cash App…',
    succeeded: 'Saved. Rocket Rides can now charge your Cash App account for future rides.',
    canceled: 'You closed the QR code. Nothing was saved.',
    failed: 'Not saved: ',
    returnTitle: 'Back from Cash App',
    checking: 'Checking the result with the server…',
    consoleTitle: 'Merchant console',
    customers: 'Customers and saved Cash App accounts',
    charge: 'Charge $25.00 off-session',
    detach: 'Detach',
    events: 'Webhook events',
    none: 'Nothing yet.',
    language: 'Français',
    nav: { checkout: 'Checkout', payment: 'Pay and save', react: 'React checkout', scriptTag: 'Script tag checkout', console: 'Merchant console', moto: 'Phone order' },
    titles: {
      index: 'setupflow demo',
      checkout: 'setupflow demo: checkout',
      react: 'setupflow demo: React checkout',
      console: 'setupflow demo: merchant console',
      return: 'setupflow demo: back from Cash App',
    },
    index: {
      lead: 'Everything here runs offline against the setupflow sandbox: a Stripe-compatible API with a simulated Cash App.',
      checkout: 'save Cash App Pay for future payments (a SetupIntent).',
      payment: 'pay now and save for later: a PaymentIntent with',
      react: 'the same save as a React app built with Vite from the npm package:',
      scriptTag: 'the same save from one script tag, no modules:',
      console: 'saved accounts, off-session charges, detaching, webhook events.',
      moto: 'an agent saves the card a caller reads out, keyed in on a simulated Terminal reader (MOTO).',
    },
    moto: {
      pageTitle: 'setupflow demo: phone order',
      title: "Phone order: save the caller's card",
      lead: 'You are the agent. Pick the caller, read them the terms, tick their consent, start, then key the card they read out on the reader screen beside the console.',
      caller: 'Caller',
      customer: 'Customer',
      newCustomer: 'New customer',
      name: 'Name',
      addCustomer: 'Add customer',
      customerAdded: 'Customer {id} added.',
      console: 'Agent console',
      elementMissing: 'The agent console element is not built: run npm run build, then reload.',
      screen: 'Reader screen (simulated)',
      screenFrame: 'Simulated reader screen',
      showReader: 'Show reader',
      testCards: 'Test cards: 4242 4242 4242 4242 saves; 4000 0000 0000 0002 is declined; 4000 0000 0000 0341 saves but declines later charges. Any future expiry, any CVC.',
      offline: 'Take this reader offline',
      online: 'Bring it back online',
      linkChanged: 'The reader is {status}.',
      saved: 'Card saved. Charge it off-session from the merchant console.',
      toConsole: 'Charge the saved card in the merchant console',
    },
    cards: {
      title: 'Cards saved by phone',
      card: 'Card',
      expires: 'Expires',
      consent: 'Consent',
      amount: 'Amount (cents)',
      charge: 'Charge off-session',
      terms: 'Terms read',
      consentLine: '{version} ({locale}), {channel}, by {agent} at {at}; offered at checkouts: {redisplay}',
      noConsent: 'no record',
    },
    columns: { customer: 'Customer', cashapp: 'Cash App', mandate: 'Mandate', actions: 'Actions' },
    detached: '{id} detached',
  },
  fr: {
    checkoutTitle: 'Rocket Rides : enregistrer Cash App Pay',
    checkoutLead: 'Enregistrez votre compte Cash App pour que Rocket Rides puisse débiter vos prochains trajets.',
    save: 'Enregistrer Cash App Pay',
    pay: 'Payer 12,00 $ et enregistrer Cash App Pay',
    email: 'E-mail',
    phone: 'Ouvrir le téléphone Cash App simulé',
    phoneHelp: "Pas d'autre appareil ? Le téléphone simulé approuve ou refuse cette demande.",
    scanTitle: 'Scannez avec Cash App',
    qrLabel: 'Code QR Cash App Pay',
    refreshIn: 'Nouveau code dans {s} s',
    refreshed: 'Le code QR a été renouvelé. Scannez le nouveau code.',
    cancel: 'Annuler',
    starting: 'Création de la demande…',
    waiting: "En attente de l'approbation dans Cash App…",
    succeeded: 'Enregistré. Rocket Rides peut désormais débiter votre compte Cash App pour vos prochains trajets.',
    canceled: "Vous avez fermé le code QR. Rien n'a été enregistré.",
    failed: 'Non enregistré : ',
    returnTitle: 'Retour de Cash App',
    checking: 'Vérification du résultat auprès du serveur…',
    consoleTitle: 'Console marchand',
    customers: 'Clients et comptes Cash App enregistrés',
    charge: 'Débiter 25,00 $ hors session',
    detach: 'Détacher',
    events: 'Événements webhook',
    none: 'Rien pour le moment.',
    language: 'English',
    nav: { checkout: 'Paiement', payment: 'Payer et enregistrer', react: 'Paiement React', scriptTag: 'Paiement par balise script', console: 'Console marchand', moto: 'Commande par téléphone' },
    titles: {
      index: 'Démo setupflow',
      checkout: 'Démo setupflow : paiement',
      react: 'Démo setupflow : paiement React',
      console: 'Démo setupflow : console marchand',
      return: 'Démo setupflow : retour de Cash App',
    },
    index: {
      lead: 'Tout ici fonctionne hors ligne avec le bac à sable setupflow : une API compatible Stripe avec un Cash App simulé.',
      checkout: 'enregistrer Cash App Pay pour les paiements futurs (un SetupIntent).',
      payment: 'payer maintenant et enregistrer pour plus tard : un PaymentIntent avec',
      react: "le même enregistrement dans une application React construite avec Vite à partir du paquet npm :",
      scriptTag: 'le même enregistrement avec une seule balise script, sans module :',
      console: 'comptes enregistrés, débits hors session, détachement, événements webhook.',
      moto: "un agent enregistre la carte qu'un appelant lui lit, saisie sur un lecteur Terminal simulé (MOTO).",
    },
    moto: {
      pageTitle: 'Démo setupflow : commande par téléphone',
      title: "Commande par téléphone : enregistrer la carte de l'appelant",
      lead: "Vous êtes l'agent. Choisissez l'appelant, lisez-lui les conditions, cochez son accord, démarrez, puis saisissez la carte qu'il vous lit sur l'écran du lecteur à côté de la console.",
      caller: 'Appelant',
      customer: 'Client',
      newCustomer: 'Nouveau client',
      name: 'Nom',
      addCustomer: 'Ajouter le client',
      customerAdded: 'Client {id} ajouté.',
      console: "Console de l'agent",
      elementMissing: "L'élément de la console de l'agent n'est pas construit : lancez npm run build, puis rechargez.",
      screen: 'Écran du lecteur (simulé)',
      screenFrame: 'Écran du lecteur simulé',
      showReader: 'Afficher le lecteur',
      testCards: 'Cartes de test : 4242 4242 4242 4242 est enregistrée ; 4000 0000 0000 0002 est refusée ; 4000 0000 0000 0341 est enregistrée mais les débits suivants sont refusés. Toute date future, tout CVC.',
      offline: 'Mettre ce lecteur hors ligne',
      online: 'Le remettre en ligne',
      linkChanged: 'Le lecteur est {status}.',
      saved: 'Carte enregistrée. Débitez-la hors session depuis la console marchand.',
      toConsole: 'Débiter la carte enregistrée dans la console marchand',
    },
    cards: {
      title: 'Cartes enregistrées par téléphone',
      card: 'Carte',
      expires: 'Expiration',
      consent: 'Accord',
      amount: 'Montant (cents)',
      charge: 'Débiter hors session',
      terms: 'Conditions lues',
      consentLine: '{version} ({locale}), {channel}, par {agent} le {at} ; proposée aux paiements : {redisplay}',
      noConsent: 'aucun enregistrement',
    },
    columns: { customer: 'Client', cashapp: 'Cash App', mandate: 'Mandat', actions: 'Actions' },
    detached: '{id} détaché',
  },
};

export const LOCALES = Object.keys(TEXTS);

export function pageLocale() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked && TEXTS[asked]) return asked;
  const browser = (navigator.languages || [navigator.language || 'en']).map((l) => String(l).slice(0, 2));
  return browser.find((l) => TEXTS[l]) || 'en';
}

export function texts(locale) {
  return TEXTS[locale] || TEXTS.en;
}

// Fills elements marked data-t="key" and the language switch; sets <html lang>.
export function applyTexts(locale) {
  const t = texts(locale);
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-t]')) {
    const path = el.dataset.t.split('.');
    const value = path.reduce((o, k) => (o ? o[k] : undefined), t);
    if (typeof value === 'string') el.textContent = value;
  }
  for (const a of document.querySelectorAll('a[data-keep-lang]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    url.searchParams.set('lang', locale);
    a.href = url.pathname + url.search;
  }
  const other = locale === 'fr' ? 'en' : 'fr';
  const sw = document.getElementById('lang');
  if (sw) {
    const url = new URL(location.href);
    url.searchParams.set('lang', other);
    sw.href = url.pathname + url.search + url.hash;
    sw.lang = other;
    sw.textContent = t.language;
  }
  return t;
}

// The demo merchant's own server calls (same origin: the sandbox serves them).
export async function merchant(path, params) {
  const init = params
    ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) }
    : {};
  const res = await fetch(`/demo/api/${path}`, init);
  const body = await res.json();
  if (!res.ok) throw new Error((body.error && body.error.message) || `HTTP ${res.status}`);
  return body;
}
