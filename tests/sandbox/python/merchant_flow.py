"""The seed's merchant flow written with Debian's python3-stripe (5.0.0), as a
merchant's Python server would write it, against the sandbox.

usage: merchant_flow.py BASE_URL     (e.g. http://127.0.0.1:4242)

Prints one "ok: <step>" line per step and "python contract: passed" at the
end; any failure raises (non-zero exit) with the step in the traceback.
"""
import html
import http.server
import re
import sys
import threading
import time
import urllib.parse
import urllib.request

import stripe

RETURN_URL = "https://shop.example/checkout/done?order=42#summary"


def step(name):
    print("ok: " + name, flush=True)


class Receiver:
    """A loopback webhook receiver keeping raw bodies and signatures."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                received.append((body, self.headers.get("Stripe-Signature")))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"received":true}')

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hooks" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, predicate, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for body, signature in list(self.received):
                if predicate(body):
                    return body, signature
            time.sleep(0.05)
        raise AssertionError("no matching webhook within %d s" % seconds)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answer_on_phone(url, action, cashtag):
    """Reads the phone page and submits one of its buttons like a browser form."""
    with urllib.request.urlopen(url, timeout=10) as page:
        text = page.read().decode("utf-8")
    form = re.search(r'<form method="post" action="([^"]+)">', text)
    assert form, "no form on the phone page"
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', text)
    fields = [(k, html.unescape(v)) for k, v in fields]
    fields += [("cashtag", cashtag), ("action", action)]
    target = urllib.parse.urljoin(url, html.unescape(form.group(1)))
    body = urllib.parse.urlencode(fields).encode("ascii")
    request = urllib.request.Request(target, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as redirect:  # the 303 back to return_url
        return redirect.code, redirect.headers


def save_cashapp(customer):
    """SetupIntent created and confirmed in one call (confirm=True)."""
    si = stripe.SetupIntent.create(
        customer=customer.id,
        payment_method_types=["cashapp"],
        usage="off_session",
        confirm=True,
        payment_method_data={"type": "cashapp"},
        return_url=RETURN_URL,
        mandate_data={"customer_acceptance": {"type": "online", "online": {
            "ip_address": "203.0.113.7", "user_agent": "Browser/1.0"}}},
    )
    assert si.status == "requires_action", si.status
    action = si.next_action.cashapp_handle_redirect_or_display_qr_code
    assert action.mobile_auth_url.startswith(stripe.api_base + "/cashapp/authorize/"), action.mobile_auth_url
    return si, action


def main(base):
    stripe.api_base = base
    stripe.api_key = "sk_test_setupflowsandbox"
    stripe.max_network_retries = 0

    hooks = Receiver()
    endpoint = stripe.WebhookEndpoint.create(url=hooks.url, enabled_events=["*"])
    assert endpoint.secret.startswith("whsec_")
    step("webhook endpoint")

    customer = stripe.Customer.create(email="shopper@example.com", name="Shopper")
    assert customer.id.startswith("cus_")
    step("customer")

    si, action = save_cashapp(customer)
    step("SetupIntent created with confirm=True")

    status, headers = answer_on_phone(action.mobile_auth_url, "approve", "$alice")
    assert status == 303, status
    back = urllib.parse.urlparse(headers["Location"])
    query = urllib.parse.parse_qs(back.query)
    assert query["setup_intent"] == [si.id] and query["redirect_status"] == ["succeeded"], query
    step("approved on the phone")

    done = stripe.SetupIntent.retrieve(si.id)
    assert done.status == "succeeded", done.status
    assert done.mandate.startswith("mandate_")
    step("retrieve")

    pm = stripe.PaymentMethod.retrieve(done.payment_method)
    assert pm.customer == customer.id and pm.cashapp.cashtag == "$alice", pm
    methods = stripe.Customer.list_payment_methods(customer.id, type="cashapp")
    assert [m.id for m in methods.data] == [pm.id]
    mandate = stripe.Mandate.retrieve(done.mandate)
    assert mandate.status == "active" and mandate.type == "multi_use"
    assert mandate.customer_acceptance.online.ip_address == "203.0.113.7"
    step("payment method and mandate")

    payment = stripe.PaymentIntent.create(
        amount=1999, currency="usd", customer=customer.id, payment_method=pm.id,
        payment_method_types=["cashapp"], off_session=True, confirm=True)
    assert payment.status == "succeeded" and payment.amount_received == 1999, payment.status
    step("off-session charge")

    try:
        stripe.PaymentIntent.create(amount=400002, currency="usd", customer=customer.id,
                                    payment_method=pm.id, off_session=True, confirm=True)
        raise AssertionError("the magic amount 400002 was not declined")
    except stripe.error.CardError as e:
        assert e.code == "payment_method_provider_decline", e.code
    step("declined charge (CardError)")

    detached = stripe.PaymentMethod.detach(pm.id)
    assert detached.customer is None
    assert stripe.Customer.list_payment_methods(customer.id, type="cashapp").data == []
    step("detach")

    def is_detached(body):
        return b'"payment_method.detached"' in body and pm.id.encode() in body

    body, signature = hooks.wait_for(is_detached)
    event = stripe.Webhook.construct_event(body, signature, endpoint.secret)
    assert event.type == "payment_method.detached" and event.data.object.id == pm.id
    try:
        stripe.Webhook.construct_event(body, signature, "whsec_wrong")
        raise AssertionError("a wrong secret verified")
    except stripe.error.SignatureVerificationError:
        pass
    for kind in ["setup_intent.created", "setup_intent.requires_action", "setup_intent.succeeded",
                 "payment_method.attached", "payment_intent.succeeded", "mandate.updated"]:
        needle = ('"type": "%s"' % kind).encode()
        body, signature = hooks.wait_for(lambda b: needle in b or needle.replace(b" ", b"") in b)
        assert stripe.Webhook.construct_event(body, signature, endpoint.secret).type == kind
    step("webhooks verified with stripe.Webhook.construct_event")

    try:
        stripe.Customer.retrieve("cus_missing")
        raise AssertionError("a missing customer was found")
    except stripe.error.InvalidRequestError as e:
        assert e.http_status == 404 and e.code == "resource_missing"
    step("errors map to the library's classes")

    hooks.close()
    print("python contract: passed (stripe %s)" % stripe.version.VERSION, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
