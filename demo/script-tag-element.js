// The script-tag drop-in page's own code: a classic script (no modules),
// after /dist/setupflow-element.js registered <setupflow-cashapp>. The demo
// merchant's server (the sandbox's /demo/api) gives the publishable key and
// creates a SetupIntent; the page hands both to the element, which does the
// rest (terms, button, QR dialog or redirect, the outcome in its live
// region) and says how it ended in setupflow:* events.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      pageTitle: 'setupflow demo: script-tag drop-in',
      title: 'Rocket Rides: save Cash App Pay',
      lead: 'This page drops in the Cash App Pay element with one script tag: no modules, no bundler, no code of its own for the button, the terms or the outcome.',
      phone: 'Open the simulated Cash App phone',
      succeeded: 'Saved: Rocket Rides can charge your Cash App account for future rides.',
      failed: 'Not saved: ',
      language: 'Français',
      nav: { checkout: 'Checkout', scriptTag: 'Script tag checkout', dropIn: 'Script-tag drop-in', console: 'Merchant console' },
    },
    fr: {
      pageTitle: 'Démo setupflow : élément par balise script',
      title: 'Rocket Rides : enregistrer Cash App Pay',
      lead: "Cette page intègre l'élément Cash App Pay avec une seule balise script : sans module, sans bundler, sans code à elle pour le bouton, les conditions ou le résultat.",
      phone: 'Ouvrir le téléphone Cash App simulé',
      succeeded: 'Enregistré : Rocket Rides peut débiter votre compte Cash App pour vos prochains trajets.',
      failed: 'Non enregistré : ',
      language: 'English',
      nav: { checkout: 'Paiement', scriptTag: 'Paiement par balise script', dropIn: 'Élément par balise script', console: 'Console marchand' },
    },
  };

  var page = window.demoPage.applyTexts(TEXTS);
  var locale = page.locale;
  var t = page.t;
  var merchant = window.demoPage.merchant;

  var element = document.getElementById('cashapp');
  var outcome = document.getElementById('outcome');

  element.addEventListener('setupflow:confirm', function (event) {
    // The simulated phone for this intent, shown inside the QR dialog.
    document.getElementById('phone').href = '/demo/phone/' + event.detail.intentId;
    outcome.textContent = '';
  });
  element.addEventListener('setupflow:succeeded', function () {
    outcome.textContent = t.succeeded;
  });

  Promise.all([merchant('config'), merchant('checkout', { mode: 'setup', email: 'shopper@example.com' })])
    .then(function (answers) {
      var config = answers[0];
      element.setAttribute('locale', locale);
      element.setAttribute('merchant-name', config.merchant_name);
      element.setAttribute('api-base', location.origin);
      element.setAttribute('return-url', new URL('/return.html?lang=' + locale, location.href).href);
      element.setAttribute('client-secret', answers[1].client_secret);
      element.setAttribute('publishable-key', config.publishable_key);
    })
    .catch(function (error) {
      outcome.textContent = t.failed + error.message;
    });
})();
