/**
 * @fileoverview Closure Compiler externs for dist/setupflow.js and
 * dist/setupflow-element.js (the script-tag builds; scripts/build-script-tag). Closure ADVANCED renames every property it
 * does not find in an externs file, so every name that crosses out of the
 * bundle is declared here:
 *  - the public API: window.SetupFlow, its options, the instance's methods and
 *    what they resolve with (js/setupflow.d.ts);
 *  - the objects the shim reads from the wasm core, which are JSON.parse
 *    results of wasm/bindings.cpp's output (effects, results, errors);
 *  - the module settings the shim passes (the wasm itself); the
 *    embind functions are generated from wasm/bindings.cpp at build time;
 *  - the Stripe objects the shim reads or returns (WIRE.md): intents, errors,
 *    the Cash App next action.
 * Emscripten's own externs (src/closure-externs/) cover the glue itself.
 * @externs
 */

// ---- The public API ------------------------------------------------------------

/**
 * @param {string} publishableKey
 * @param {SetupFlowOptions=} options
 * @return {!SetupFlowInstance}
 */
var SetupFlow = function (publishableKey, options) {};
/** @type {string} */ SetupFlow.version;
/** @type {string} */ SetupFlow.wasmSha256;
/** @type {!Function} */ SetupFlow.IntegrationError;

/** @record */
function SetupFlowOptions() {}
/** @type {string|undefined} */ SetupFlowOptions.prototype.apiBase;
/** @type {string|undefined} */ SetupFlowOptions.prototype.locale;
/** @type {string|!URL|undefined} */ SetupFlowOptions.prototype.wasmUrl;
/** @type {string|undefined} */ SetupFlowOptions.prototype.device;
/** @type {!Function|undefined} */ SetupFlowOptions.prototype.fetch;
/** @type {!ArrayBuffer|!ArrayBufferView|undefined} */ SetupFlowOptions.prototype.wasmBinary;
/** @type {!QrPresenter|undefined} */ SetupFlowOptions.prototype.presenter;
/** @type {!Function|undefined} */ SetupFlowOptions.prototype.navigate;

/** @record */
function QrPresenter() {}
/** @param {!QrDisplay} qr @param {!QrControls} controls */
QrPresenter.prototype.show = function (qr, controls) {};
QrPresenter.prototype.hide = function () {};
/** @type {(function(): void)|undefined} */
QrPresenter.prototype.prepare;

/** @record */
function QrControls() {}
QrControls.prototype.cancel = function () {};

/** @record What a presenter is shown: the core's present effect (a QR code). */
function QrDisplay() {}
/** @type {string} */ QrDisplay.prototype.data;
/** @type {string} */ QrDisplay.prototype.svgPath;
/** @type {number} */ QrDisplay.prototype.size;
/** @type {number} */ QrDisplay.prototype.expiresAtMs;
/** @type {string} */ QrDisplay.prototype.hostedInstructionsUrl;
/** @type {string} */ QrDisplay.prototype.mobileAuthUrl;
/** @type {string} */ QrDisplay.prototype.imageUrlSvg;
/** @type {number} */ QrDisplay.prototype.refreshCount;

/** @record */
function SetupFlowInstance() {}
SetupFlowInstance.prototype.confirmCashappSetup = function (clientSecret, data, options) {};
SetupFlowInstance.prototype.confirmCashappPayment = function (clientSecret, data, options) {};
SetupFlowInstance.prototype.retrieveSetupIntent = function (clientSecret) {};
SetupFlowInstance.prototype.retrievePaymentIntent = function (clientSecret) {};
SetupFlowInstance.prototype.handleNextAction = function (args) {};
SetupFlowInstance.prototype.handleReturn = function (url) {};
SetupFlowInstance.prototype.consentText = function (locale, merchantName, mode) {};
SetupFlowInstance.prototype.withOptions = function (options) {};

/** @record confirmCashapp*'s data, Stripe.js's names. */
function ConfirmCashappData() {}
/** @type {*} */ ConfirmCashappData.prototype.payment_method;
/** @type {string|undefined} */ ConfirmCashappData.prototype.return_url;
/** @type {!Object|undefined} */ ConfirmCashappData.prototype.mandate_data;

/** @record */
function ConfirmOptions() {}
/** @type {boolean|undefined} */ ConfirmOptions.prototype.handleActions;

/** @record handleNextAction's argument. */
function NextActionArgs() {}
/** @type {string} */ NextActionArgs.prototype.clientSecret;

/** @record What every promise resolves with. */
function SetupFlowResult() {}
/** @type {!StripeIntent|undefined} */ SetupFlowResult.prototype.setupIntent;
/** @type {!StripeIntent|undefined} */ SetupFlowResult.prototype.paymentIntent;
/** @type {!StripeError|undefined} */ SetupFlowResult.prototype.error;
/** @type {string|undefined} */ SetupFlowResult.prototype.redirectStatus;

/** @record consentText's result. */
function ConsentText() {}
/** @type {string} */ ConsentText.prototype.locale;
/** @type {string} */ ConsentText.prototype.version;
/** @type {string} */ ConsentText.prototype.text;

// ---- Errors: Stripe's shape, from the API, the core or IntegrationError ---------

/** @record */
function StripeError() {}
/** @type {string} */ StripeError.prototype.type;
/** @type {string|undefined} */ StripeError.prototype.code;
/** @type {string} */ StripeError.prototype.message;
/** @type {string|undefined} */ StripeError.prototype.param;
/** @type {string|undefined} */ StripeError.prototype.decline_code;
/** @type {string|undefined} */ StripeError.prototype.doc_url;
/** @type {number|undefined} */ StripeError.prototype.statusCode;
/** @type {!StripeIntent|undefined} */ StripeError.prototype.setup_intent;
/** @type {!StripeIntent|undefined} */ StripeError.prototype.payment_intent;

// ---- Stripe objects (WIRE.md): what the API sends and the page reads -----------

/** @record A SetupIntent or PaymentIntent. */
function StripeIntent() {}
/** @type {string} */ StripeIntent.prototype.id;
/** @type {string} */ StripeIntent.prototype.object;
/** @type {?string} */ StripeIntent.prototype.client_secret;
/** @type {string} */ StripeIntent.prototype.status;
/** @type {string} */ StripeIntent.prototype.usage;
/** @type {*} */ StripeIntent.prototype.customer;
/** @type {*} */ StripeIntent.prototype.payment_method;
/** @type {!Array<string>} */ StripeIntent.prototype.payment_method_types;
/** @type {?StripeNextAction} */ StripeIntent.prototype.next_action;
/** @type {?StripeError} */ StripeIntent.prototype.last_setup_error;
/** @type {?StripeError} */ StripeIntent.prototype.last_payment_error;
/** @type {*} */ StripeIntent.prototype.mandate;
/** @type {?string} */ StripeIntent.prototype.cancellation_reason;
/** @type {boolean} */ StripeIntent.prototype.livemode;
/** @type {number} */ StripeIntent.prototype.created;
/** @type {!Object} */ StripeIntent.prototype.metadata;
/** @type {number} */ StripeIntent.prototype.amount;
/** @type {string} */ StripeIntent.prototype.currency;
/** @type {?string} */ StripeIntent.prototype.setup_future_usage;
/** @type {string} */ StripeIntent.prototype.capture_method;
/** @type {?string} */ StripeIntent.prototype.statement_descriptor;

/** @record */
function StripeNextAction() {}
/** @type {string} */ StripeNextAction.prototype.type;
/** @type {!CashappNextAction|undefined} */
StripeNextAction.prototype.cashapp_handle_redirect_or_display_qr_code;

/** @record */
function CashappNextAction() {}
/** @type {string} */ CashappNextAction.prototype.hosted_instructions_url;
/** @type {string} */ CashappNextAction.prototype.mobile_auth_url;
/** @type {!CashappQrCode} */ CashappNextAction.prototype.qr_code;

/** @record */
function CashappQrCode() {}
/** @type {number} */ CashappQrCode.prototype.expires_at;
/** @type {string} */ CashappQrCode.prototype.image_url_png;
/** @type {string} */ CashappQrCode.prototype.image_url_svg;
/** @type {string|undefined} */ CashappQrCode.prototype.data;

// ---- The wasm core: embind functions and the JSON they return -------------------

/**
 * @record The module settings the shim passes to the Emscripten factory: the
 * wasm as bytes or a compiled WebAssembly.Module (MINIMAL_RUNTIME's Module.wasm).
 */
function CoreSettings() {}
/** @type {*} */ CoreSettings.prototype.wasm;

// The functions wasm/bindings.cpp registers on the module by name
// (emscripten::function("flowCreate", …)) are declared by the build itself:
// scripts/build-script-tag.mjs reads them, and the JSON keys the bindings
// write, from wasm/ into a generated externs file, so a binding or a field
// added or renamed there keeps its name. The records below document the
// fields the shim reads today.

/**
 * @record What the core's results carry (wasm/bindings.cpp): a created flow,
 * a flow input's effects, parsed client secrets and return URLs.
 */
function CoreResult() {}
/** @type {number} */ CoreResult.prototype.flowId;
/** @type {!Array<!CoreEffect>} */ CoreResult.prototype.effects;
/** @type {string} */ CoreResult.prototype.kind;
/** @type {string} */ CoreResult.prototype.clientSecret;
/** @type {string} */ CoreResult.prototype.intentId;
/** @type {string} */ CoreResult.prototype.redirectStatus;
/** @type {string} */ CoreResult.prototype.redirectPmType;
/** @type {!StripeError|undefined} */ CoreResult.prototype.error;

/**
 * @record An effect: send, wake, cancelTimer, present (a QR code:
 * QrDisplay), dismiss, navigate, finish.
 */
function CoreEffect() {}
/** @type {string} */ CoreEffect.prototype.type;
/** @type {number} */ CoreEffect.prototype.requestId;
/** @type {string} */ CoreEffect.prototype.method;
/** @type {string} */ CoreEffect.prototype.url;
/** @type {!Object<string, string>} */ CoreEffect.prototype.headers;
/** @type {string} */ CoreEffect.prototype.body;
/** @type {string} */ CoreEffect.prototype.idempotencyKey;
/** @type {number} */ CoreEffect.prototype.timerId;
/** @type {number} */ CoreEffect.prototype.delayMs;
/** @type {string} */ CoreEffect.prototype.outcome;
/** @type {?StripeIntent} */ CoreEffect.prototype.object;
/** @type {?StripeError} */ CoreEffect.prototype.error;

// What the shim passes to the flow bindings by name: the core reads these
// members by their names (include/setupflow/flow_params_reader.hpp), so
// Closure must keep them in the object literals the shim builds.

/** @record flowCreate's config. */
function CoreFlowConfig() {}
/** @type {string} */ CoreFlowConfig.prototype.publishableKey;
/** @type {string} */ CoreFlowConfig.prototype.apiBase;

/** @record flowCreate's params for 'cashapp_confirm'. */
function CoreCashappParams() {}
/** @type {string} */ CoreCashappParams.prototype.operation;
/** @type {string} */ CoreCashappParams.prototype.kind;
/** @type {string} */ CoreCashappParams.prototype.clientSecret;
/** @type {string|undefined} */ CoreCashappParams.prototype.returnUrl;
/** @type {string|undefined} */ CoreCashappParams.prototype.paymentMethod;
/** @type {boolean|undefined} */ CoreCashappParams.prototype.handleActions;
/** @type {string|undefined} */ CoreCashappParams.prototype.device;
/** @type {string|undefined} */ CoreCashappParams.prototype.idempotencyKey;

/** @record flowInput's input: {type, …} as wasm/bindings.cpp lists. */
function CoreFlowInput() {}
/** @type {string} */ CoreFlowInput.prototype.type;
/** @type {number|undefined} */ CoreFlowInput.prototype.requestId;
/** @type {number|undefined} */ CoreFlowInput.prototype.status;
/** @type {*} */ CoreFlowInput.prototype.body;
/** @type {number|undefined} */ CoreFlowInput.prototype.timerId;
/** @type {boolean|undefined} */ CoreFlowInput.prototype.visible;

// ---- The drop-in element (dist/setupflow-element.js; js/element/element.d.ts) ----

/** @record What a page reads and sets on <setupflow-cashapp> besides its attributes. */
function SetupFlowElement() {}
/** @type {string} */ SetupFlowElement.prototype.state;
/** @type {*} */ SetupFlowElement.prototype.setupFlow;

/** @record The detail of the element's setupflow:* events. */
function SetupFlowEventDetail() {}
/** @type {string} */ SetupFlowEventDetail.prototype.mode;
/** @type {string} */ SetupFlowEventDetail.prototype.locale;
/** @type {string} */ SetupFlowEventDetail.prototype.device;
/** @type {string} */ SetupFlowEventDetail.prototype.intentId;
/** @type {?string} */ SetupFlowEventDetail.prototype.consentVersion;
/** @type {number} */ SetupFlowEventDetail.prototype.refreshCount;
/** @type {number} */ SetupFlowEventDetail.prototype.expiresAt;
/** @type {string} */ SetupFlowEventDetail.prototype.url;
/** @type {!StripeError} */ SetupFlowEventDetail.prototype.error;
/** @type {?StripeIntent} */ SetupFlowEventDetail.prototype.intent;
/** @type {boolean} */ SetupFlowEventDetail.prototype.byShopper;

// ---- Keys the shim reads back by a runtime string ------------------------------

/**
 * @record Object-literal keys that become data: the dialogs' and the
 * element's attribute objects (each key is passed to setAttribute), the text
 * tables, looked up by locale, and the element's texts that its live region
 * looks up by name (js/texts.mjs).
 */
function ShimDynamicKeys() {}
/** @type {string} */ ShimDynamicKeys.prototype.class;
/** @type {string} */ ShimDynamicKeys.prototype.tabindex;
/** @type {string} */ ShimDynamicKeys.prototype.part;
/** @type {string} */ ShimDynamicKeys.prototype.role;
/** @type {string} */ ShimDynamicKeys.prototype.rel;
/** @type {string} */ ShimDynamicKeys.prototype.name;
/** @type {string} */ ShimDynamicKeys.prototype.approvedSetup;
/** @type {string} */ ShimDynamicKeys.prototype.approvedPayment;
/** @type {string} */ ShimDynamicKeys.prototype.declined;
/** @type {string} */ ShimDynamicKeys.prototype.canceled;
/** @type {string} */ ShimDynamicKeys.prototype.expired;
/** @type {string} */ ShimDynamicKeys.prototype.redirecting;
/** @type {!Object} */ ShimDynamicKeys.prototype.en;
/** @type {!Object} */ ShimDynamicKeys.prototype.fr;
