#include "services/events/webhook_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace assure::events {
namespace {

using ::testing::HasSubstr;

v1::Subscription Hook(const std::string& url) {
  v1::Subscription s;
  s.set_url(url);
  s.set_secret("a-secret-of-16-bytes");
  return s;
}

std::string Refusal(const v1::Subscription& s, bool loopback = false) {
  return std::string(ValidateSubscription(s, loopback).message());
}

TEST(WebhookRules, HttpsUrlsAreAccepted) {
  EXPECT_TRUE(ValidateSubscription(Hook("https://partner.example.org/hooks/assure"), false).ok());
  EXPECT_TRUE(ValidateSubscription(Hook("https://partner.example.org:8443"), false).ok());
}

TEST(WebhookRules, PlainHttpOnlyToThisMachineAndOnlyWhenAllowed) {
  EXPECT_THAT(Refusal(Hook("http://partner.example.org/hook")), HasSubstr("https"));
  EXPECT_THAT(Refusal(Hook("http://127.0.0.1:9000/hook")), HasSubstr("https"));
  EXPECT_TRUE(ValidateSubscription(Hook("http://127.0.0.1:9000/hook"), true).ok());
  EXPECT_THAT(Refusal(Hook("http://10.0.0.1/hook"), true), HasSubstr("https"));
}

TEST(WebhookRules, OnlyPublicAddressesArePublic) {
  for (const char* ip :
       {"93.184.216.34", "8.8.8.8", "2a00:1450:4009:81f::200e", "::ffff:93.184.216.34"}) {
    EXPECT_TRUE(IsPublicAddress(ip)) << ip;
  }
  for (const char* ip : {"127.0.0.1",
                         "10.1.2.3",
                         "172.16.0.1",
                         "172.31.255.255",
                         "192.168.1.1",
                         "169.254.169.254",
                         "100.64.0.1",
                         "0.0.0.0",
                         "224.0.0.1",
                         "255.255.255.255",
                         "192.0.2.1",
                         "::1",
                         "::",
                         "fd00::1",
                         "fe80::1",
                         "ff02::1",
                         "2001:db8::1",
                         "::ffff:127.0.0.1",
                         "::ffff:10.0.0.1",
                         "not an address",
                         ""}) {
    EXPECT_FALSE(IsPublicAddress(ip)) << ip;
  }
  EXPECT_TRUE(IsPublicAddress("172.32.0.1"));  // just past 172.16/12
}

TEST(WebhookRules, AUrlNamingAnAddressInsideIsRefused) {
  for (const char* url : {"https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data",
                          "https://[::1]:8443/", "https://[fd00::1]/", "https://localhost/hook",
                          "https://2130706433/", "https://127.1/", "https://0x7f000001/"}) {
    EXPECT_THAT(Refusal(Hook(url)), HasSubstr("private, loopback or link-local")) << url;
  }
  EXPECT_TRUE(ValidateSubscription(Hook("https://93.184.216.34/hook"), false).ok());
  EXPECT_TRUE(ValidateSubscription(Hook("https://[2a00:1450:4009:81f::200e]/hook"), false).ok());
}

TEST(WebhookRules, MalformedUrlsAreRefusedNamingTheField) {
  for (const char* url : {"", "ftp://x.example", "https://", "https://user:pw@x.example/",
                          "https://x.example/a b", "https://x.example/#frag"}) {
    EXPECT_THAT(Refusal(Hook(url)), HasSubstr("subscription.url")) << url;
  }
}

TEST(WebhookRules, TheSecretIsAtLeastSixteenBytesAndTheFilterParses) {
  auto s = Hook("https://x.example/");
  s.set_secret("short");
  EXPECT_THAT(Refusal(s), HasSubstr("subscription.secret"));
  s = Hook("https://x.example/");
  s.set_filter("partner = \"P1\"");
  EXPECT_THAT(Refusal(s), HasSubstr("subscription.filter"));
}

TEST(WebhookRules, TheSignatureIsHmacSha256OfTimeDotBody) {
  // printf '%s' '1700000000.{"events":[]}' | openssl dgst -sha256 -hmac 'a-secret-of-16-bytes'
  EXPECT_EQ(SignatureHeader("a-secret-of-16-bytes", absl::FromUnixSeconds(1700000000),
                            R"({"events":[]})"),
            "t=1700000000,v1=57f5b302deddfee5767bb28ebc83c14595e98e2f34a0e742152c992d05efc627");
}

TEST(WebhookRules, RetriesBackOffFromASecondToTenMinutes) {
  EXPECT_EQ(WebhookBackoff(1), absl::Seconds(1));
  EXPECT_EQ(WebhookBackoff(2), absl::Seconds(2));
  EXPECT_EQ(WebhookBackoff(4), absl::Seconds(8));
  EXPECT_EQ(WebhookBackoff(40), absl::Minutes(10));
}

}  // namespace
}  // namespace assure::events
