// The MOTO terms and the consent record (moto_terms.hpp). The wording lives in
// moto_terms_texts.cpp; the parts a merchant supplies are cleaned as every
// shown text is (shown_text.hpp).
#include "setupflow/moto_terms.hpp"

#include <string>

#include "moto_terms_texts.hpp"
#include "setupflow/decimal.hpp"
#include "shown_text.hpp"

namespace setupflow {
namespace {

constexpr size_t kMaxAgentCodePoints = 100;
constexpr size_t kMaxIdLength = 255;

const MotoTermsTemplate& template_for(std::string_view locale) {
  const auto templates = moto_terms_templates();
  const std::string chosen =
      pick_locale(locale, templates, [](const MotoTermsTemplate& t) { return t.locale; });
  for (const auto& t : templates) {
    if (t.locale == chosen) {
      return t;
    }
  }
  return templates.front();  // "en": pick_locale's last resort
}

// A merchant's part, cleaned, without the full stop the sentence adds.
std::string clean_part(std::string_view raw) {
  std::string part = clean_shown_text(raw);
  while (!part.empty() && (part.back() == '.' || part.back() == ' ')) {
    part.pop_back();
  }
  return part;
}

std::string named(const NamedWording& wording, const std::string& merchant) {
  return merchant.empty() ? std::string(wording.neutral)
                          : fill_placeholder(wording.named, "{merchant}", merchant);
}

std::string part(const PartWording& wording, std::string_view placeholder,
                 const std::string& value) {
  return value.empty() ? std::string(wording.fallback)
                       : fill_placeholder(wording.given, placeholder, value);
}

size_t code_points(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return n;
}

bool is_customer_id(std::string_view id) {
  if (id.size() <= 4 || id.size() > kMaxIdLength || id.substr(0, 4) != "cus_") {
    return false;
  }
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

Result<MotoChannel> parse_channel(std::string_view text) {
  if (text == "telephone") {
    return MotoChannel::telephone;
  }
  if (text == "mail") {
    return MotoChannel::mail;
  }
  return integration_error("invalid_channel",
                           "The consent record's channel must be \"telephone\" or \"mail\".",
                           "channel");
}

}  // namespace

std::vector<std::string> moto_terms_locales() {
  std::vector<std::string> out;
  for (const auto& t : moto_terms_templates()) {
    out.emplace_back(t.locale);
  }
  return out;
}

MotoTerms moto_terms(std::string_view locale, const MotoTermsParams& params) {
  const MotoTermsTemplate& t = template_for(locale);
  const std::string merchant = clean_shown_text(params.merchant_name);
  const std::string cancellation = clean_part(params.cancellation);
  const std::string sentences[] = {
      named(t.authorization, merchant),
      part(t.schedule, "{schedule}", clean_part(params.schedule)),
      part(t.amounts, "{amounts}", clean_part(params.amounts)),
      cancellation.empty() ? named(t.cancellation_contact, merchant)
                           : fill_placeholder(t.cancellation, "{cancellation}", cancellation),
      std::string(t.closing),
  };
  MotoTerms out{std::string(t.locale), std::string(t.version), {}};
  for (const std::string& sentence : sentences) {
    if (!out.text.empty()) {
      out.text += ' ';
    }
    out.text += sentence;
  }
  return out;
}

std::string_view to_string(MotoChannel channel) {
  return channel == MotoChannel::mail ? "mail" : "telephone";
}

std::string_view to_string(AllowRedisplay allow_redisplay) {
  return allow_redisplay == AllowRedisplay::always ? "always" : "limited";
}

Result<MotoConsentRecord> record_moto_consent(const MotoConsentInput& input) {
  if (!input.agreed) {
    return integration_error(
        "consent_not_collected",
        "The customer has not agreed to the terms: read them to the customer and record their "
        "agreement before saving the card.",
        "agreed");
  }
  if (!is_customer_id(input.customer)) {
    return integration_error("invalid_customer",
                             "The consent record needs the id of the Customer the card is saved "
                             "to (\"cus_…\").",
                             "customer");
  }
  std::string agent = clean_shown_text(input.agent);
  if (agent.empty() || code_points(agent) > kMaxAgentCodePoints) {
    return integration_error("invalid_agent",
                             "The consent record needs the agent who took the agreement: a name "
                             "or an id of 1 to 100 characters.",
                             "agent");
  }
  auto channel = parse_channel(input.channel);
  if (!channel) {
    return channel.error();
  }
  if (input.accepted_at_ms <= 0) {
    return integration_error("invalid_time",
                             "The consent record needs the time of the agreement (milliseconds "
                             "since the Unix epoch).",
                             "accepted_at_ms");
  }
  MotoTerms terms = moto_terms(input.locale, input.terms);
  MotoConsentRecord record;
  record.terms_version = std::move(terms.version);
  record.locale = std::move(terms.locale);
  record.text = std::move(terms.text);
  record.customer = input.customer;
  record.agent = std::move(agent);
  record.channel = channel.value();
  record.allow_redisplay =
      input.offer_at_future_checkouts ? AllowRedisplay::always : AllowRedisplay::limited;
  record.accepted_at = input.accepted_at_ms / 1000;
  return record;
}

std::vector<std::pair<std::string, std::string>> moto_consent_metadata(
    const MotoConsentRecord& record) {
  std::string at;
  append_decimal(at, record.accepted_at);
  return {
      {"consent_terms_version", record.terms_version},
      {"consent_locale", record.locale},
      {"consent_channel", std::string(to_string(record.channel))},
      {"consent_agent", record.agent},
      {"consent_accepted_at", at},
      {"consent_allow_redisplay", std::string(to_string(record.allow_redisplay))},
  };
}

}  // namespace setupflow
