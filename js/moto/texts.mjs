// <setupflow-moto>'s words, in every locale of js/platform.mjs (the terms
// themselves come from the C++ core). A table of its own: a checkout page
// never carries the agent's console's strings. A translation is one object.
import { LOCALES } from '../platform.mjs';

export { LOCALES };

export const MOTO_TEXTS = {
  en: {
    loading: 'Loading the console…',
    readers: 'Reader',
    noReaders: 'No reader is registered for this console.',
    refresh: 'Refresh readers',
    readerStatus: { online: 'online', offline: 'offline', busy: 'busy' },
    termsTitle: 'Read these terms to the customer',
    termsVersion: 'Terms version {version}',
    agreed: 'The customer agreed to these terms',
    offer: 'Offer this card at future checkouts (the customer asked for it)',
    start: 'Save the card on the reader',
    cancel: 'Cancel',
    starting: 'Asking {reader} for the card…',
    waiting: 'Key the card on {reader} as the customer reads it out.',
    readerOffline: '{reader} is offline. Waiting for it to come back…',
    canceling: 'Canceling…',
    saved: 'Card saved: {brand} •••• {last4}, expires {expiry}.',
    canceled: 'Canceled. Nothing was saved.',
    customerCanceled: 'The customer canceled on the reader. Nothing was saved.',
    expired: 'The reader did not get a card in time; the request was canceled.',
    declined: 'The card was declined ({reason}). Nothing was saved.',
    chooseReader: 'Choose a reader first.',
    consentRequired: 'Read the terms to the customer and tick “The customer agreed” first.',
    missingCustomer: 'This console has no customer to save the card to.',
    errors: {
      terminal_reader_busy: 'That reader is busy with another action. Choose another reader, or wait and try again.',
      terminal_reader_offline: 'That reader is offline. Check its power and network, or choose another reader.',
      terminal_reader_timeout: 'The reader did not answer. Check its network and try again.',
      reader_lost: 'The reader was lost during the action. Nothing was saved; try again.',
      api_connection_error: 'The server could not be reached. Check the connection and try again.',
      not_signed_in: 'Your session has ended. Sign in again.',
      generic: 'Something went wrong. Nothing was saved; try again.',
    },
    declineReasons: {
      card_declined: 'declined by the bank',
      insufficient_funds: 'insufficient funds',
      lost_card: 'reported lost',
      stolen_card: 'reported stolen',
      expired_card: 'expired card',
      incorrect_cvc: 'wrong security code',
      processing_error: 'processing error; try again',
      generic: 'declined',
    },
  },
  fr: {
    loading: 'Chargement de la console…',
    readers: 'Lecteur',
    noReaders: "Aucun lecteur n'est enregistré pour cette console.",
    refresh: 'Actualiser les lecteurs',
    readerStatus: { online: 'en ligne', offline: 'hors ligne', busy: 'occupé' },
    termsTitle: 'Lisez ces conditions au client',
    termsVersion: 'Version des conditions {version}',
    agreed: 'Le client a accepté ces conditions',
    offer: 'Proposer cette carte lors des prochains achats (à la demande du client)',
    start: 'Enregistrer la carte sur le lecteur',
    cancel: 'Annuler',
    starting: 'Demande de la carte à {reader}…',
    waiting: 'Saisissez la carte sur {reader} pendant que le client la dicte.',
    readerOffline: '{reader} est hors ligne. En attente de son retour…',
    canceling: 'Annulation…',
    saved: 'Carte enregistrée : {brand} •••• {last4}, expire le {expiry}.',
    canceled: "Annulé. Rien n'a été enregistré.",
    customerCanceled: "Le client a annulé sur le lecteur. Rien n'a été enregistré.",
    expired: "Le lecteur n'a pas reçu de carte à temps ; la demande a été annulée.",
    declined: "La carte a été refusée ({reason}). Rien n'a été enregistré.",
    chooseReader: "Choisissez d'abord un lecteur.",
    consentRequired: "Lisez d'abord les conditions au client et cochez « Le client a accepté ».",
    missingCustomer: "Cette console n'a pas de client à qui enregistrer la carte.",
    errors: {
      terminal_reader_busy: 'Ce lecteur est occupé par une autre action. Choisissez un autre lecteur, ou attendez et réessayez.',
      terminal_reader_offline: 'Ce lecteur est hors ligne. Vérifiez son alimentation et son réseau, ou choisissez un autre lecteur.',
      terminal_reader_timeout: "Le lecteur n'a pas répondu. Vérifiez son réseau et réessayez.",
      reader_lost: "Le lecteur a été perdu pendant l'action. Rien n'a été enregistré ; réessayez.",
      api_connection_error: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
      not_signed_in: 'Votre session a expiré. Reconnectez-vous.',
      generic: "Une erreur s'est produite. Rien n'a été enregistré ; réessayez.",
    },
    declineReasons: {
      card_declined: 'refusée par la banque',
      insufficient_funds: 'fonds insuffisants',
      lost_card: 'déclarée perdue',
      stolen_card: 'déclarée volée',
      expired_card: 'carte expirée',
      incorrect_cvc: 'code de sécurité erroné',
      processing_error: 'erreur de traitement ; réessayez',
      generic: 'refusée',
    },
  },
};

/** <setupflow-moto>'s texts for a locale from localeOf (English if unknown). */
export const motoTextsFor = (locale) => MOTO_TEXTS[LOCALES.includes(locale) ? locale : 'en'];

/** table[key] when the table has it as its own, else undefined (codes come from servers). */
export const own = (table, key) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

/** Fills {name} placeholders from `values`. */
export const fill = (text, values) =>
  text.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = own(values, name);
    return value === undefined ? whole : String(value);
  });

const BRANDS = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** A card brand as people say it ("visa" → "Visa"). */
export const brandName = (brand) => own(BRANDS, brand) || String(brand || '');
