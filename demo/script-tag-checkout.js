// The script-tag checkout: a classic script (no modules, no bundler) over
// /dist/setupflow.js, which the page loads with one <script src> (and the
// demo's classic-page.js: texts, links, the merchant's server calls). The demo
// merchant's server (the sandbox's /demo/api) creates a Customer and a
// SetupIntent; the page confirms it with window.SetupFlow, whose instance is
// usable at once (its methods wait for the wasm themselves).
//
// The QR is shown in this page's own dialog (the `presenter` option), which
// adds a link to the sandbox's simulated Cash App phone; with ?dialog=builtin
// the package's built-in dialog shows it instead.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      pageTitle: 'setupflow demo: script tag',
      title: 'Rocket Rides: save Cash App Pay',
      lead: 'This page loads setupflow with one script tag, no modules and no bundler.',
      email: 'Email',
      save: 'Save Cash App Pay',
      starting: 'Creating the request…',
      waiting: 'Waiting for approval in Cash App…',
      succeeded: 'Saved. Rocket Rides can now charge your Cash App account for future rides.',
      canceled: 'You closed the QR code. Nothing was saved.',
      failed: 'Not saved: ',
      scanTitle: 'Scan with Cash App',
      qrLabel: 'Cash App Pay QR code',
      refreshed: 'New code.',
      phone: 'Open the simulated Cash App phone',
      phoneHelp: 'No second device? The simulated phone approves or declines this request.',
      cancel: 'Cancel',
      language: 'Français',
      nav: { checkout: 'Checkout', scriptTag: 'Script tag checkout', console: 'Merchant console' },
    },
    fr: {
      pageTitle: 'Démo setupflow : balise script',
      title: 'Rocket Rides : enregistrer Cash App Pay',
      lead: 'Cette page charge setupflow avec une seule balise script, sans module ni bundler.',
      email: 'E-mail',
      save: 'Enregistrer Cash App Pay',
      starting: 'Création de la demande…',
      waiting: "En attente de l'approbation dans Cash App…",
      succeeded: 'Enregistré. Rocket Rides peut désormais débiter votre compte Cash App pour vos prochains trajets.',
      canceled: "Vous avez fermé le code QR. Rien n'a été enregistré.",
      failed: 'Non enregistré : ',
      scanTitle: 'Scannez avec Cash App',
      qrLabel: 'Code QR Cash App Pay',
      refreshed: 'Nouveau code.',
      phone: 'Ouvrir le téléphone Cash App simulé',
      phoneHelp: "Pas d'autre appareil ? Le téléphone simulé approuve ou refuse cette demande.",
      cancel: 'Annuler',
      language: 'English',
      nav: { checkout: 'Paiement', scriptTag: 'Paiement par balise script', console: 'Console marchand' },
    },
  };
  var SVG = 'http://www.w3.org/2000/svg';

  var query = new URLSearchParams(location.search);
  var page = window.demoPage.applyTexts(TEXTS);
  var locale = page.locale;
  var t = page.t;
  var merchant = window.demoPage.merchant;

  var button = document.getElementById('start');
  var status = document.getElementById('status');
  function say(text) {
    status.textContent = text;
  }

  // The QR image: a white square under the modules' path (show() sizes both).
  function createQrSvg() {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t.qrLabel);
    var bg = document.createElementNS(SVG, 'rect');
    bg.setAttribute('fill', '#fff');
    var path = document.createElementNS(SVG, 'path');
    path.setAttribute('fill', '#000');
    svg.append(bg, path);
    return { svg: svg, bg: bg, path: path };
  }

  // Tab past the last control (or Shift+Tab before the first) would leave
  // the modal dialog: wrap around instead.
  function keepTabInside(dialog, first, last) {
    dialog.addEventListener('keydown', function (e) {
      if (e.key !== 'Tab') return;
      if (document.activeElement !== (e.shiftKey ? first : last)) return;
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    });
  }

  // The QR dialog, appended to the page, and the nodes show() fills in.
  // onCancel runs for the Cancel button and for Escape.
  function buildQrDialog(phoneUrl, onCancel) {
    var dialog = document.createElement('dialog');
    dialog.className = 'qr-panel';
    dialog.setAttribute('aria-labelledby', 'qr-title');
    var h = document.createElement('h2');
    h.id = 'qr-title';
    h.textContent = t.scanTitle;
    var qr = createQrSvg();
    var phone = document.createElement('a');
    phone.target = '_blank';
    phone.rel = 'noopener';
    phone.href = phoneUrl;
    phone.textContent = t.phone;
    var help = document.createElement('p');
    help.className = 'help';
    help.textContent = t.phoneHelp;
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = t.cancel;
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', function (e) {
      e.preventDefault(); // Escape: the flow decides, then hide() closes it
      onCancel();
    });
    keepTabInside(dialog, phone, cancel);
    var note = document.createElement('p');
    note.setAttribute('role', 'status');
    dialog.append(h, qr.svg, phone, help, cancel, note);
    document.body.append(dialog);
    return { dialog: dialog, parts: { svg: qr.svg, bg: qr.bg, path: qr.path, note: note } };
  }

  // The QR presenter: a modal <dialog> (inert page behind and Escape from
  // the browser, Tab kept inside) with the QR drawn from the core's SVG path and a link to the
  // simulated phone, so a desktop tester can approve without a second device.
  function qrPanel(phoneUrl) {
    var dialog = null;
    var parts = null;
    var controls = null;
    var opener = null;
    function build() {
      var built = buildQrDialog(phoneUrl, function () {
        if (controls) controls.cancel();
      });
      dialog = built.dialog;
      parts = built.parts;
    }
    return {
      show: function (qr, nextControls) {
        controls = nextControls;
        if (!dialog) build();
        var side = String(qr.size + 8);
        parts.svg.setAttribute('viewBox', '0 0 ' + side + ' ' + side);
        parts.bg.setAttribute('width', side);
        parts.bg.setAttribute('height', side);
        parts.path.setAttribute('d', qr.svgPath);
        parts.note.textContent = qr.refreshCount > 0 ? t.refreshed : t.waiting;
        if (!dialog.open) {
          opener = document.activeElement;
          dialog.showModal();
        }
      },
      hide: function () {
        if (dialog && dialog.open) dialog.close();
        if (opener && opener.focus) opener.focus();
        opener = null;
        controls = null;
      },
    };
  }

  var builtInDialog = query.get('dialog') === 'builtin';
  var busy = false;

  // The outcome of one save, in the page's status line.
  function sayResult(result) {
    if (result.error) say(t.failed + result.error.message);
    else if (result.setupIntent.status === 'succeeded') say(t.succeeded);
    else if (result.setupIntent.status === 'requires_action') say(t.canceled);
    else say(result.setupIntent.status);
  }

  // One click on Save: the merchant's server creates the SetupIntent, the
  // flow confirms it; the button is busy until the outcome is said.
  function save(flow) {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    say(t.starting);
    merchant('checkout', { mode: 'setup', email: document.getElementById('email').value })
      .then(function (created) {
        var intentId = created.client_secret.split('_secret_')[0];
        var shop = builtInDialog ? flow : flow.withOptions({ presenter: qrPanel('/demo/phone/' + intentId) });
        button.dataset.intent = intentId;
        say(''); // the QR dialog says "waiting" in its own live region
        return shop.confirmCashappSetup(created.client_secret, {
          payment_method: { type: 'cashapp' },
          return_url: new URL('/return.html?lang=' + locale, location.href).href,
        });
      })
      .then(sayResult)
      .catch(function (error) {
        say(t.failed + error.message);
      })
      .then(function () {
        busy = false;
        button.removeAttribute('aria-disabled');
      });
  }

  // With the merchant's config: the instance, the consent text, and the
  // button enabled.
  function start(config) {
    // The instance is ready to use at once: no await, no callback.
    var flow = window.SetupFlow(config.publishable_key, { apiBase: location.origin, locale: locale });
    // The authorisation text from the C++ core, shown before the first save;
    // the button's accessible description (aria-describedby="consent").
    flow.consentText(locale, config.merchant_name, 'setup').then(function (consent) {
      document.getElementById('consent').textContent = consent.text;
    });
    button.removeAttribute('aria-disabled');
    button.addEventListener('click', function () {
      save(flow);
    });
  }

  button.setAttribute('aria-disabled', 'true');
  merchant('config').then(start).catch(function (error) {
    say(t.failed + error.message);
  });
})();
