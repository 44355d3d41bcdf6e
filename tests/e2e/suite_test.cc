// End to end: the launcher starts every process on SQLite files, a client calls through
// the real network, /metrics passes promtool, and Ctrl-C stops everything with the data kept.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"
#include "tests/e2e/launched_suite.h"
#include "tests/support/call_context.h"

namespace assure {
namespace {

namespace v1 = ::assure::reviews::v1;
using ::testing::HasSubstr;
using testing::Shell;
using testing::Suite;

TEST(Suite, StartsServesKeepsDataAndStopsCleanly) {
  testing::TempDir dir;
  {
    Suite suite(dir.File("data"));
    ASSERT_TRUE(suite.WaitReady()) << suite.printed();
    EXPECT_THAT(suite.printed(), HasSubstr("reviews  gRPC " + suite.reviews_address()));

    auto stub = v1::ReviewsService::NewStub(
        grpc::CreateChannel(suite.reviews_address(), grpc::InsecureChannelCredentials()));
    v1::CreateChildRequest create;
    create.set_child_id("E2E-1");
    *create.mutable_child()->mutable_birth_date() = ToProto(absl::CivilDay(2014, 3, 1));
    auto* period = create.mutable_child()->add_periods_of_care();
    *period->mutable_start_date() = ToProto(absl::CivilDay(2026, 3, 2));
    period->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
    v1::Child child;
    ASSERT_TRUE(stub->CreateChild(testing::As("mosaic", "case_system").get(), create, &child).ok());

    int code = 0;
    const std::string metrics = Shell("curl -sf " + suite.reviews_metrics(), &code);
    ASSERT_EQ(code, 0) << "curl failed";
    EXPECT_THAT(metrics, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method="
                                   "\"CreateChild\",grpc_service=\"assure.reviews.v1."
                                   "ReviewsService\",grpc_type=\"unary\"} 1"));
    EXPECT_THAT(metrics, HasSubstr("assure_reviews_children_without_active_iro{tenant=\"LA1\"} 1"));

    // Through the gateway, over JSON, with a development token the launcher minted.
    const std::string tokens = dir.File("data") + "/dev-tokens.env";
    const std::string via_gateway = Shell(
        ". " + tokens + " && curl -sf -H \"Authorization: Bearer $TOKEN_IRO\" " +
            suite.gateway_http() + "/v1/children/E2E-1/reviewSchedule",
        &code);
    EXPECT_EQ(code, 0);
    EXPECT_THAT(via_gateway, HasSubstr(R"("rule":"lac_review.first")"));
    const std::string refused =
        Shell("curl -s -o /dev/null -w '%{http_code}' " + suite.gateway_http() + "/v1/children/E2E-1",
              &code);
    EXPECT_EQ(refused, "401");
    const std::string gateway_lint = Shell(
        "curl -sf " + suite.gateway_metrics() + " | promtool check metrics 2>&1", &code);
    EXPECT_EQ(code, 0) << gateway_lint;
    const std::string lint =
        Shell("curl -sf " + suite.reviews_metrics() + " | promtool check metrics 2>&1", &code);
    EXPECT_EQ(code, 0) << lint;
    EXPECT_EQ(suite.Stop(), 0);

    // One JSON line per call, with who and how it ended, and never the child's data.
    const std::string log = Shell("cat " + dir.File("data") + "/reviews.log", &code);
    EXPECT_THAT(log, HasSubstr("\"method\":\"/assure.reviews.v1.ReviewsService/CreateChild\","
                               "\"code\":\"OK\""));
    EXPECT_THAT(log, HasSubstr("\"subject\":\"mosaic\",\"tenant\":\"LA1\""));
    EXPECT_THAT(log, ::testing::Not(HasSubstr("E2E-1")));
  }
  {
    Suite again(dir.File("data"));
    ASSERT_TRUE(again.WaitReady()) << again.printed();
    auto stub = v1::ReviewsService::NewStub(
        grpc::CreateChannel(again.reviews_address(), grpc::InsecureChannelCredentials()));
    v1::GetChildRequest get;
    get.set_name("children/E2E-1");
    v1::Child child;
    ASSERT_TRUE(stub->GetChild(testing::As("iro-1", "iro").get(), get, &child).ok());
    EXPECT_TRUE(child.looked_after());
    EXPECT_EQ(again.Stop(), 0);
  }
}

// A challenge recorded at a review in one process opens a dispute in another, read back
// through the gateway as JSON.
TEST(Suite, AChallengeAtAReviewOpensADisputeInTheDisputesService) {
  testing::TempDir dir;
  Suite suite(dir.File("data"));
  ASSERT_TRUE(suite.WaitReady()) << suite.printed();
  EXPECT_THAT(suite.printed(), HasSubstr("disputes  gRPC"));
  auto stub = v1::ReviewsService::NewStub(
      grpc::CreateChannel(suite.reviews_address(), grpc::InsecureChannelCredentials()));
  v1::CreateIroRequest iro;
  iro.set_iro_id("iro-1");
  iro.mutable_iro()->set_display_name("IRO one");
  iro.mutable_iro()->set_fte_hundredths(100);
  iro.mutable_iro()->set_chairs_lac_reviews(true);
  iro.mutable_iro()->set_status(v1::IRO_STATUS_ACTIVE);
  v1::Iro created_iro;
  ASSERT_TRUE(stub->CreateIro(testing::As("mgr", "iro_manager").get(), iro, &created_iro).ok());
  v1::CreateChildRequest create;
  create.set_child_id("E2E-2");
  *create.mutable_child()->mutable_birth_date() = ToProto(absl::CivilDay(2014, 3, 1));
  auto* period = create.mutable_child()->add_periods_of_care();
  *period->mutable_start_date() = ToProto(absl::CivilDay(2026, 3, 2));
  period->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child child;
  ASSERT_TRUE(stub->CreateChild(testing::As("mosaic", "case_system").get(), create, &child).ok());
  v1::AllocateIroRequest allocate;
  allocate.set_name("children/E2E-2");
  allocate.set_iro("iros/iro-1");
  ASSERT_TRUE(stub->AllocateIro(testing::As("mgr", "iro_manager").get(), allocate, &child).ok());
  v1::CreateReviewRequest schedule;
  schedule.set_parent("children/E2E-2");
  schedule.mutable_review()->set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  v1::Review review;
  ASSERT_TRUE(stub->CreateReview(testing::As("iro-1", "iro").get(), schedule, &review).ok());
  v1::RecordReviewRequest record;
  record.set_name(review.name());
  *record.mutable_held_date() = ToProto(absl::CivilDay(2026, 3, 27));
  record.set_participation(v1::PARTICIPATION_PN1);
  auto* challenge = record.add_challenges();
  challenge->set_theme("permanent_placement_delay");
  challenge->set_concern("no permanent placement identified");
  challenge->set_stage_level(1);
  v1::Review held;
  ASSERT_TRUE(stub->RecordReview(testing::As("iro-1", "iro").get(), record, &held).ok());
  ASSERT_EQ(held.challenges_size(), 1);

  const std::string tokens = dir.File("data") + "/dev-tokens.env";
  const std::string get = ". " + tokens + " && curl -sf -H \"Authorization: Bearer " +
                          "$TOKEN_IRO_MANAGER\" " + suite.gateway_http() + "/v1/" +
                          held.challenges(0).dispute();
  std::string dispute;
  int code = 1;
  for (int i = 0; i < 50 && code != 0; ++i) {  // the relay delivers within a poll
    dispute = Shell(get, &code);
    if (code != 0) usleep(100 * 1000);
  }
  ASSERT_EQ(code, 0) << "the dispute never arrived";
  EXPECT_THAT(dispute, HasSubstr(R"("stageRole":"team_manager")"));
  EXPECT_THAT(dispute, HasSubstr(R"("review":")" + held.name() + "\""));
  const std::string metrics = Shell("curl -sf " + suite.disputes_metrics(), &code);
  EXPECT_THAT(metrics, HasSubstr("assure_disputes_raised_total{tenant=\"LA1\","
                                 "theme=\"permanent_placement_delay\"} 1"));
  const std::string lint =
      Shell("curl -sf " + suite.disputes_metrics() + " | promtool check metrics 2>&1", &code);
  EXPECT_EQ(code, 0) << lint;
  EXPECT_EQ(suite.Stop(), 0);
}

// The case system feeds the audit register and a senior manager draws the month's sample,
// both as JSON through the gateway; each audit is then found from its case.
TEST(Suite, TheCaseSystemFeedsTheRegisterAndTheMonthsSampleIsDrawnThroughTheGateway) {
  testing::TempDir dir;
  Suite suite(dir.File("data"));
  ASSERT_TRUE(suite.WaitReady()) << suite.printed();
  EXPECT_THAT(suite.printed(), HasSubstr("audits  gRPC"));
  const std::string as = ". " + dir.File("data") + "/dev-tokens.env && curl -sf -H " +
                         "\"Authorization: Bearer $";
  std::string cases;
  for (int i = 0; i < 5; ++i) {
    absl::StrAppend(&cases, i ? "," : "", R"({"name":"cases/E2E-)", i,
                    R"(","team":"north","service":"csc","worker":"sw-1",)",
                    R"("openDate":{"year":2025,"month":4,"day":1}})");
  }
  int code = 0;
  const std::string fed = Shell(as + "TOKEN_CASE_SYSTEM\" -X POST " + suite.gateway_http() +
                                    "/v1/cases:batchUpsert -d '{\"cases\":[" + cases + "]}'",
                                &code);
  ASSERT_EQ(code, 0) << fed;
  const std::string drawn = Shell(
      as + "TOKEN_SENIOR_MANAGER\" -X POST " + suite.gateway_http() +
          "/v1/selections -d '{\"month\":{\"year\":2026,\"month\":12},"
          "\"type\":\"AUDIT_TYPE_ROUTINE\",\"seed\":\"9\","
          "\"auditors\":[{\"auditor\":\"iro-1\",\"quota\":2}]}'",
      &code);
  ASSERT_EQ(code, 0) << drawn;
  EXPECT_THAT(drawn, HasSubstr(R"("registerSize":5)"));
  const std::string listed = Shell(as + "TOKEN_SENIOR_MANAGER\" -G " + suite.gateway_http() +
                                       "/v1/audits --data-urlencode 'filter=auditor = iro-1'",
                                   &code);
  ASSERT_EQ(code, 0) << listed;
  EXPECT_THAT(listed, HasSubstr(R"("state":"AUDIT_STATE_ASSIGNED")"));
  const std::string metrics = Shell("curl -sf " + suite.audits_metrics(), &code);
  EXPECT_THAT(metrics, HasSubstr("assure_audits_outstanding{tenant=\"LA1\"} 2"));
  const std::string lint =
      Shell("curl -sf " + suite.audits_metrics() + " | promtool check metrics 2>&1", &code);
  EXPECT_EQ(code, 0) << lint;
  EXPECT_EQ(suite.Stop(), 0);
}

// An SGO allowance prepared by a social worker, approved by the team manager and the head
// of service, and paid by finance, all as JSON through the gateway: refused at the payment
// gate until its paperwork is in, then scheduled, with the ledger's balance the sum paid.
TEST(Suite, AnAllowanceGoesThroughThePaymentGateAndIsPaidThroughTheGateway) {
  testing::TempDir dir;
  Suite suite(dir.File("data"));
  ASSERT_TRUE(suite.WaitReady()) << suite.printed();
  EXPECT_THAT(suite.printed(), HasSubstr("allowances  gRPC"));
  const std::string tokens = ". " + dir.File("data") + "/dev-tokens.env && ";
  const std::string http = suite.gateway_http();
  int code = 0;
  auto post = [&](const std::string& token, const std::string& path, const std::string& body,
                  bool fail = true) {
    return Shell(tokens + "curl -s" + (fail ? "f" : "") + " -H \"Authorization: Bearer $" +
                     token + "\" -X POST " + http + path + " -d '" + body + "'",
                 &code);
  };
  std::string out = post("TOKEN_SOCIAL_WORKER", "/v1/supportedChildren?childId=SGO-1",
                         R"({"displayName":"Child One","birthDate":{"year":2015,"month":6,)"
                         R"("day":1},"orderType":"ORDER_TYPE_SPECIAL_GUARDIANSHIP","orderDate":)"
                         R"({"year":2021,"month":2,"day":1},"livesWithCarers":true})");
  ASSERT_EQ(code, 0) << out;
  out = post("TOKEN_SOCIAL_WORKER", "/v1/allowances?allowanceId=A-1",
             R"({"child":"supportedChildren/SGO-1","type":"ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP",)"
             R"("amountPence":15000,"frequency":"FREQUENCY_WEEKLY","startDate":{"year":2026,)"
             R"("month":1,"day":5},"ledgerCode":"SGO-ALLOW"})");
  ASSERT_EQ(code, 0) << out;
  out = post("TOKEN_TEAM_MANAGER", "/v1/allowances/A-1:approve", R"({"role":"team_manager"})");
  ASSERT_EQ(code, 0) << out;
  out = post("TOKEN_SENIOR_MANAGER", "/v1/allowances/A-1:approve",
             R"({"role":"senior_manager"})");
  ASSERT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr(R"("state":"ALLOWANCE_STATE_APPROVED")"));
  out = post("TOKEN_FINANCE", "/v1/allowances/A-1:activate", "{}", false);
  EXPECT_THAT(out, HasSubstr("gate.conditions_agreed"));

  out = post("TOKEN_SOCIAL_WORKER", "/v1/allowances/A-1:recordPaperwork",
             R"({"paperwork":{"conditionsAgreedDate":{"year":2025,"month":12,"day":1},)"
             R"("signedAgreementDate":{"year":2025,"month":12,"day":2},)"
             R"("formsReceived":["SGA3"]}})");
  ASSERT_EQ(code, 0) << out;
  out = post("TOKEN_SOCIAL_WORKER", "/v1/allowances/A-1:recordAssessment",
             R"({"assessment":{"assessedDate":{"year":2025,"month":11,"day":20},)"
             R"("disregard":"MEANS_DISREGARD_NONE","evidence":["EVIDENCE_KIND_ACCOUNTS"],)"
             R"("weeklyAwardPence":15000}})");
  ASSERT_EQ(code, 0) << out;
  // A new assessment withdraws the approvals given on the old basis: approve again.
  EXPECT_THAT(out, HasSubstr(R"("state":"ALLOWANCE_STATE_DRAFT")"));
  ASSERT_EQ((post("TOKEN_TEAM_MANAGER", "/v1/allowances/A-1:approve",
                  R"({"role":"team_manager"})"),
             code),
            0);
  ASSERT_EQ((post("TOKEN_SENIOR_MANAGER", "/v1/allowances/A-1:approve",
                  R"({"role":"senior_manager"})"),
             code),
            0);
  out = post("TOKEN_FINANCE", "/v1/allowances/A-1:activate", "{}");
  ASSERT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr(R"("state":"ALLOWANCE_STATE_ACTIVE")"));
  out = post("TOKEN_FINANCE", "/v1/allowances/A-1:schedulePayment",
             R"({"dueDate":{"year":2026,"month":1,"day":5}})");
  ASSERT_EQ(code, 0) << out;
  const std::string ledger =
      Shell(tokens + "curl -sf -H \"Authorization: Bearer $TOKEN_AUDITOR\" " + http +
                "/v1/allowances/A-1/ledgerEntries",
            &code);
  ASSERT_EQ(code, 0) << ledger;
  EXPECT_THAT(ledger, HasSubstr(R"("balancePence":"15000")"));

  const std::string metrics = Shell("curl -sf " + suite.allowances_metrics(), &code);
  EXPECT_THAT(metrics, HasSubstr("assure_allowances_active{tenant=\"LA1\","
                                 "type=\"special_guardianship\"} 1"));
  EXPECT_THAT(metrics, HasSubstr("assure_allowances_payments_blocked_total{rule=\""
                                 "gate.conditions_agreed\",tenant=\"LA1\"} 1"));
  const std::string lint =
      Shell("curl -sf " + suite.allowances_metrics() + " | promtool check metrics 2>&1", &code);
  EXPECT_EQ(code, 0) << lint;
  EXPECT_EQ(suite.Stop(), 0);
}


// An advocacy provider works its referrals through the gateway, as JSON and over gRPC, with
// the launcher's partner token: it sees its referral and that child, and of a child not
// referred to it exactly what it sees of one that does not exist.
TEST(Suite, AProviderWorksItsReferralThroughTheGatewayAndSeesNoOtherChild) {
  testing::TempDir dir;
  Suite suite(dir.File("data"));
  ASSERT_TRUE(suite.WaitReady()) << suite.printed();
  const std::string tokens = dir.File("data") + "/dev-tokens.env";
  const std::string http = suite.gateway_http();
  int code = 0;
  auto call = [&](const std::string& token, const std::string& how) {
    return Shell(". " + tokens + " && curl -s -w ' %{http_code}' -H \"Authorization: Bearer $" +
                     token + "\" " + how,
                 &code);
  };
  for (const char* id : {"ADV-1", "ADV-2"}) {
    const std::string made = call(
        "TOKEN_CASE_SYSTEM",
        absl::StrCat("-X POST '", http, "/v1/children?childId=", id,
                     R"(' -d '{"birthDate":{"year":2013,"month":2,"day":1},)",
                     R"("periodsOfCare":[{"startDate":{"year":2026,"month":3,"day":2},)",
                     R"("legalStatus":"LEGAL_STATUS_CARE_ORDER"}]}')"));
    ASSERT_THAT(made, ::testing::EndsWith(" 200")) << made;
  }
  const std::string referred = call(
      "TOKEN_SOCIAL_WORKER",
      "-X POST " + http + "/v1/children/ADV-1/referrals -d " +
          R"('{"partner":"dev-advocacy","reason":"REFERRAL_REASON_LOOKED_AFTER_REVIEW",)" +
          R"("urgency":"REFERRAL_URGENCY_URGENT","consent":"CHILD_CONSENT_GIVEN"}')");
  ASSERT_THAT(referred, ::testing::EndsWith(" 200")) << referred;
  EXPECT_THAT(referred, HasSubstr(R"("name":"children/ADV-1/referrals/1")"));

  const std::string listed = call("TOKEN_ADVOCATE", "-G " + http +
                                                        "/v1/children/-/referrals "
                                                        "--data-urlencode 'filter=open = true'");
  EXPECT_THAT(listed, HasSubstr(R"("name":"children/ADV-1/referrals/1")"));
  const std::string accepted = call("TOKEN_ADVOCATE", "-X POST " + http +
                                                          "/v1/children/ADV-1/referrals/1:accept"
                                                          R"( -d '{"advocate":"adv-7"}')");
  ASSERT_THAT(accepted, ::testing::EndsWith(" 200")) << accepted;
  EXPECT_THAT(accepted, HasSubstr(R"("state":"REFERRAL_STATE_ACCEPTED")"));

  const std::string child = call("TOKEN_ADVOCATE", http + "/v1/children/ADV-1");
  EXPECT_THAT(child, ::testing::EndsWith(" 200")) << child;
  EXPECT_THAT(child, ::testing::Not(HasSubstr("periodsOfCare")));
  const std::string not_referred = call("TOKEN_ADVOCATE", http + "/v1/children/ADV-2");
  const std::string missing = call("TOKEN_ADVOCATE", http + "/v1/children/ADV-3");
  EXPECT_THAT(not_referred, ::testing::EndsWith(" 404"));
  EXPECT_EQ(not_referred.substr(0, not_referred.find("ADV-2")),
            missing.substr(0, missing.find("ADV-3")));
  const std::string schedule = call("TOKEN_ADVOCATE", http + "/v1/children/ADV-2/reviewSchedule");
  EXPECT_THAT(schedule, ::testing::EndsWith(" 404"));

  // The contract the provider builds against, without a token.
  const std::string openapi = Shell("curl -sf " + http + "/openapi.json", &code);
  EXPECT_EQ(code, 0);
  EXPECT_THAT(openapi, HasSubstr(R"("/v1/{parent=children/*}/referrals")"));

  // Over gRPC through the gateway, with the same token.
  const std::string token = Shell(". " + tokens + " && printf %s \"$TOKEN_ADVOCATE\"", &code);
  auto stub = v1::ReviewsService::NewStub(grpc::CreateChannel(
      suite.grpc_address("gateway"), grpc::InsecureChannelCredentials()));
  v1::GetChildRequest get;
  get.set_name("children/ADV-2");
  v1::Child out;
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token);
  EXPECT_EQ(stub->GetChild(&ctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::ListReferralsRequest list;
  list.set_parent("children/-");
  v1::ListReferralsResponse referrals;
  grpc::ClientContext list_ctx;
  list_ctx.AddMetadata("authorization", "Bearer " + token);
  ASSERT_TRUE(stub->ListReferrals(&list_ctx, list, &referrals).ok());
  ASSERT_EQ(referrals.referrals_size(), 1);
  EXPECT_EQ(referrals.referrals(0).advocate(), "adv-7");
  EXPECT_EQ(suite.Stop(), 0);
}


// The demo fills a sandbox tenant through the services' own API, once however often the
// suite starts with it, and the development tokens of that tenant see it.
TEST(Suite, TheDemoFillsASandboxTenantOnce) {
  testing::TempDir dir;
  for (int run = 0; run < 2; ++run) {
    Suite suite(dir.File("data"), {"--demo", "--tenant=SANDBOX"});
    ASSERT_TRUE(suite.WaitReady()) << suite.printed();
    EXPECT_THAT(suite.printed(),
                HasSubstr("demo: tenant SANDBOX holds 12 children, 12 meetings, 6 referrals"));
    int code = 0;
    const std::string as = ". " + dir.File("data") + "/dev-tokens.env && curl -sf -H " +
                           "\"Authorization: Bearer $";
    const std::string children =
        Shell(as + "TOKEN_IRO_MANAGER\" '" + suite.gateway_http() + "/v1/children?pageSize=100'",
              &code);
    ASSERT_EQ(code, 0) << children;
    size_t count = 0;
    for (size_t at = children.find("\"children/DEMO-"); at != std::string::npos;
         at = children.find("\"children/DEMO-", at + 1)) {
      ++count;
    }
    EXPECT_EQ(count, 12u) << "run " << run;
    const std::string view = Shell(
        as + "TOKEN_ADVOCATE\" " + suite.gateway_http() + "/v1/children/DEMO-02/advocacyView",
        &code);
    EXPECT_THAT(view, HasSubstr(R"("reschedules":[{)"));
    EXPECT_EQ(suite.Stop(), 0);
  }
}

}  // namespace
}  // namespace assure
