// End to end, as separate processes on SQLite files: an audit theme over the authority's
// threshold, an audit programme's recommendation, a dispute's outcome and a failing allowance
// control each become exactly one recommendation
// on the right plan in action plans, though action plans is killed (kill -9) while they are
// queued and the audits process is killed with its finding still unsent and started again.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "assure/allowances/v1/allowances_service.grpc.pb.h"
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "assure/disputes/v1/disputes_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "services/common/dates.h"
#include "tests/support/call_context.h"

namespace assure {
namespace {

namespace plans = ::assure::actionplans::v1;
namespace audits = ::assure::audits::v1;
namespace disputes = ::assure::disputes::v1;
namespace allowances = ::assure::allowances::v1;
using testing::As;

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// One service process, started and killed as an operator (or the kernel) would.
class Process {
 public:
  Process(std::string name, std::string dir, std::vector<std::string> flags)
      : name_(std::move(name)), dir_(std::move(dir)), flags_(std::move(flags)) {
    port_ = FreePort();
  }
  ~Process() { Kill(SIGKILL); }

  void Start() {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string bin = std::string(ASSURE_BIN_DIR) + "/assure-" + name_;
      const std::string log = dir_ + "/" + name_ + ".log";
      freopen(log.c_str(), "a", stderr);
      freopen(log.c_str(), "a", stdout);
      std::vector<std::string> args = {bin, absl::StrCat("--grpc_address=127.0.0.1:", port_),
                                       "--metrics_address=127.0.0.1:0",
                                       "--store=" + dir_ + "/" + name_ + ".db"};
      args.insert(args.end(), flags_.begin(), flags_.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
    ASSERT_TRUE(channel_->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(30))))
        << name_ << " did not start";
  }
  void Kill(int signal) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  std::string name_, dir_;
  std::vector<std::string> flags_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::shared_ptr<grpc::Channel> channel_;
};

google::type::Date Day(int y, int m, int d) { return ToProto(absl::CivilDay(y, m, d)); }

void CreatePlan(plans::ActionPlansService::Stub& stub, const std::string& id,
                plans::PlanSource source) {
  plans::CreatePlanRequest req;
  req.set_plan_id(id);
  auto* p = req.mutable_plan();
  p->set_title("Plan for " + id);
  p->set_source(source);
  p->set_owning_service("Children's Services");
  p->set_owner("hos-1");
  p->set_board("Performance Board");
  plans::Plan out;
  const auto st = stub.CreatePlan(As("hos-1", "senior_manager").get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

void FeedCases(audits::AuditsService::Stub& stub, int n) {
  audits::BatchUpsertCasesRequest cases;
  for (int i = 0; i < n; ++i) {
    auto* c = cases.add_cases();
    c->set_name(absl::StrCat("cases/C-", i));
    c->set_team("north");
    c->set_service("childrens-social-care");
    c->set_worker("sw-1");
    *c->mutable_open_date() = Day(2025, 4, 1);
    c->add_cohorts(audits::COHORT_CHILD_IN_NEED);
  }
  audits::BatchUpsertCasesResponse fed;
  ASSERT_TRUE(stub.BatchUpsertCases(As("mosaic", "case_system").get(), cases, &fed).ok());
}

audits::Selection Select(audits::AuditsService::Stub& stub, audits::AuditType type) {
  audits::CreateSelectionRequest select;
  select.mutable_selection()->mutable_month()->set_year(2026);
  select.mutable_selection()->mutable_month()->set_month(12);
  select.mutable_selection()->set_type(type);
  auto* a = select.mutable_selection()->add_auditors();
  a->set_auditor("iro-1");
  a->set_quota(1);
  audits::Selection s;
  const auto st = stub.CreateSelection(As("qrm-1", "iro_manager").get(), select, &s);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return s;
}

void RecommendFromAProgramme(audits::AuditsService::Stub& stub) {
  const audits::Selection s = Select(stub, audits::AUDIT_TYPE_THEMED);
  audits::RecommendFromProgrammeRequest req;
  req.set_name(s.name());
  req.mutable_recommendation()->set_text("SGO support plans to be signed off by a panel");
  req.mutable_recommendation()->set_priority(audits::RECOMMENDATION_PRIORITY_HIGH);
  audits::Selection out;
  const auto st = stub.RecommendFromProgramme(As("qrm-1", "senior_manager").get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// The authority refers an area for development once one audit raises it; one routine audit
// submitted with "visits" as an area for development crosses that threshold.
void RaiseATheme(audits::AuditsService::Stub& stub) {
  audits::UpdateAuditSettingsRequest threshold;
  threshold.mutable_settings()->set_name("auditSettings");
  threshold.mutable_settings()->set_theme_referral_threshold(1);
  threshold.mutable_update_mask()->add_paths("theme_referral_threshold");
  audits::AuditSettings settings;
  auto st = stub.UpdateAuditSettings(As("qrm-1", "iro_manager").get(), threshold, &settings);
  ASSERT_TRUE(st.ok()) << st.error_message();
  audits::CreateAuditToolVersionRequest draft;
  draft.set_parent("auditTools/routine");
  draft.mutable_version()->set_title("Routine case file audit");
  auto* section = draft.mutable_version()->add_sections();
  section->set_title("Voice of the child");
  auto* q = section->add_questions();
  q->set_id("q1");
  q->set_text("Is the child seen and heard?");
  q->set_mandatory(true);
  q->set_graded(true);
  audits::AuditToolVersion tool;
  st = stub.CreateAuditToolVersion(As("qrm-1", "iro_manager").get(), draft, &tool);
  ASSERT_TRUE(st.ok()) << st.error_message();
  audits::ReleaseAuditToolVersionRequest release;
  release.set_name(tool.name());
  st = stub.ReleaseAuditToolVersion(As("qrm-1", "iro_manager").get(), release, &tool);
  ASSERT_TRUE(st.ok()) << st.error_message();

  const audits::Selection s = Select(stub, audits::AUDIT_TYPE_ROUTINE);
  ASSERT_EQ(s.audits_size(), 1);
  audits::StartAuditRequest start;
  start.set_name(s.audits(0));
  start.set_tool_version(tool.name());
  audits::Audit a;
  st = stub.StartAudit(As("iro-1", "iro").get(), start, &a);
  ASSERT_TRUE(st.ok()) << st.error_message();
  audits::SubmitAuditRequest submit;
  submit.set_name(a.name());
  auto* answer = submit.add_answers();
  answer->set_question("q1");
  answer->set_text("seen alone at each visit, but visits are late");
  answer->set_grade("Requires improvement to be good");
  submit.set_overall_grade("Requires improvement to be good");
  submit.set_child_safe(audits::CHILD_SAFE_YES);
  submit.add_strengths("the child's views are recorded in their words");
  submit.add_areas_for_development("visits to timescale");
  submit.add_theme_tags("visits");
  st = stub.SubmitAudit(As("iro-1", "iro").get(), submit, &a);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

void ResolveWithAFinding(disputes::DisputesService::Stub& stub) {
  disputes::CreateDisputeRequest create;
  create.set_dispute_id("d-1");
  create.mutable_dispute()->set_child("children/C1");
  create.mutable_dispute()->set_theme("permanent_placement_delay");
  create.mutable_dispute()->set_concern("no permanent placement after nine months");
  disputes::Dispute d;
  auto st = stub.CreateDispute(As("iro-1", "iro").get(), create, &d);
  ASSERT_TRUE(st.ok()) << st.error_message();
  disputes::ResolveDisputeRequest resolve;
  resolve.set_name("disputes/d-1");
  resolve.set_outcome(disputes::OUTCOME_ACTION_AGREED);
  resolve.set_note("panel booked");
  resolve.set_service_finding("Permanence is not reviewed when a placement ends");
  st = stub.ResolveDispute(As("iro-1", "iro").get(), resolve, &d);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// An SGO allowance paid through the gate, with an instalment scheduled.
void PayAnAllowance(allowances::AllowancesService::Stub& stub) {
  auto sw = [] { return As("sw-1", "social_worker"); };
  allowances::CreateSupportedChildRequest child;
  child.set_child_id("SGO-1");
  child.mutable_child()->set_display_name("Child One");
  *child.mutable_child()->mutable_birth_date() = Day(2015, 6, 1);
  child.mutable_child()->set_order_type(allowances::ORDER_TYPE_SPECIAL_GUARDIANSHIP);
  *child.mutable_child()->mutable_order_date() = Day(2021, 2, 1);
  child.mutable_child()->set_lives_with_carers(true);
  allowances::SupportedChild c;
  auto st = stub.CreateSupportedChild(sw().get(), child, &c);
  ASSERT_TRUE(st.ok()) << st.error_message();
  allowances::CreateAllowanceRequest create;
  create.set_allowance_id("A-1");
  auto* a = create.mutable_allowance();
  a->set_child("supportedChildren/SGO-1");
  a->set_type(allowances::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  a->set_amount_pence(15000);
  a->set_frequency(allowances::FREQUENCY_WEEKLY);
  *a->mutable_start_date() = Day(2026, 1, 5);
  a->set_ledger_code("SGO-ALLOW");
  allowances::Allowance out;
  st = stub.CreateAllowance(sw().get(), create, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  allowances::RecordPaperworkRequest paper;
  paper.set_name("allowances/A-1");
  *paper.mutable_paperwork()->mutable_conditions_agreed_date() = Day(2025, 12, 1);
  *paper.mutable_paperwork()->mutable_signed_agreement_date() = Day(2025, 12, 2);
  paper.mutable_paperwork()->add_forms_received("SGA3");
  ASSERT_TRUE(stub.RecordPaperwork(sw().get(), paper, &out).ok());
  allowances::RecordFinancialAssessmentRequest means;
  means.set_name("allowances/A-1");
  *means.mutable_assessment()->mutable_assessed_date() = Day(2025, 11, 20);
  means.mutable_assessment()->set_disregard(allowances::MEANS_DISREGARD_NONE);
  means.mutable_assessment()->add_evidence(allowances::EVIDENCE_KIND_ACCOUNTS);
  means.mutable_assessment()->set_weekly_award_pence(15000);
  ASSERT_TRUE(stub.RecordFinancialAssessment(sw().get(), means, &out).ok());
  for (const auto& [who, role] : std::vector<std::pair<std::string, std::string>>{
           {"tm-1", "team_manager"}, {"hos-1", "senior_manager"}}) {
    allowances::ApproveAllowanceRequest approve;
    approve.set_name("allowances/A-1");
    approve.set_role(role);
    st = stub.ApproveAllowance(As(who, role).get(), approve, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  allowances::ActivateAllowanceRequest activate;
  activate.set_name("allowances/A-1");
  st = stub.ActivateAllowance(As("fin-1", "finance").get(), activate, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
  allowances::SchedulePaymentRequest pay;
  pay.set_name("allowances/A-1");
  *pay.mutable_due_date() = Day(2026, 1, 5);
  allowances::LedgerEntry e;
  st = stub.SchedulePayment(As("fin-1", "finance").get(), pay, &e);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// The authority moves SGO allowances to a new ledger code: the instalment booked to the
// old one now fails its controls.
void RecodeSgo(allowances::AllowancesService::Stub& stub) {
  allowances::UpdateAllowanceSettingsRequest req;
  req.mutable_settings()->set_name("allowanceSettings");
  auto* code = req.mutable_settings()->add_ledger_codes();
  code->set_type(allowances::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  code->set_code("SGO-2027");
  req.mutable_update_mask()->add_paths("ledger_codes");
  allowances::AllowanceSettings out;
  const auto st = stub.UpdateAllowanceSettings(As("fin-1", "finance").get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// "plan source" -> the findings' recommendations from that source on that plan.
std::map<std::string, int> RecommendationsByPlan(plans::ActionPlansService::Stub& stub) {
  std::map<std::string, int> out;
  for (const char* plan : {"plans/audits", "plans/disputes", "plans/allowances"}) {
    plans::ListRecommendationsRequest req;
    req.set_parent(plan);
    plans::ListRecommendationsResponse got;
    if (!stub.ListRecommendations(As("hos-1", "senior_manager").get(), req, &got).ok()) continue;
    for (const auto& r : got.recommendations()) {
      ++out[absl::StrCat(plan, " ", plans::FindingSource_Name(r.finding_source()))];
    }
  }
  return out;
}

TEST(Findings, EachSendersFindingBecomesOneRecommendationAcrossKillsAndRestarts) {
  testing::TempDir dir;
  Process planner("actionplans", dir.path(), {"--update_cycle_seconds=3600"});
  planner.Start();
  const std::string route = "--routes=assure.actionplans.v1=" + planner.address();
  Process auditor("audits", dir.path(), {route});
  Process disputer("disputes", dir.path(), {route});
  Process payer("allowances", dir.path(), {route, "--controls_seconds=1"});
  auditor.Start();
  disputer.Start();
  payer.Start();
  auto plans_stub = plans::ActionPlansService::NewStub(planner.channel());
  CreatePlan(*plans_stub, "audits", plans::PLAN_SOURCE_CASE_FILE_AUDIT);
  CreatePlan(*plans_stub, "disputes", plans::PLAN_SOURCE_DISPUTE_OUTCOME);
  CreatePlan(*plans_stub, "allowances", plans::PLAN_SOURCE_ALLOWANCE_CONTROL);
  auto allowances_stub = allowances::AllowancesService::NewStub(payer.channel());
  PayAnAllowance(*allowances_stub);

  planner.Kill(SIGKILL);  // action plans is down while the findings are raised
  auto audits_stub = audits::AuditsService::NewStub(auditor.channel());
  FeedCases(*audits_stub, 4);
  RaiseATheme(*audits_stub);
  RecommendFromAProgramme(*audits_stub);
  ResolveWithAFinding(*disputes::DisputesService::NewStub(disputer.channel()));
  RecodeSgo(*allowances_stub);
  absl::SleepFor(absl::Seconds(2));  // the controls are counted on their ticker
  auditor.Kill(SIGKILL);             // with its finding still unsent

  planner.Start();
  plans_stub = plans::ActionPlansService::NewStub(planner.channel());
  auditor.Start();
  allowances::GetAllowanceControlsRequest get;
  allowances::AllowanceControls controls;
  ASSERT_TRUE(
      allowances_stub->GetAllowanceControls(As("fin-1", "finance").get(), get, &controls).ok());
  int failing = 0;
  for (const auto& c : controls.controls()) failing += c.count() > 0;
  ASSERT_GT(failing, 0);
  const std::map<std::string, int> expected = {
      {"plans/audits FINDING_SOURCE_AUDIT_THEME", 1},
      {"plans/audits FINDING_SOURCE_AUDIT_PROGRAMME", 1},
      {"plans/disputes FINDING_SOURCE_DISPUTE", 1},
      {"plans/allowances FINDING_SOURCE_ALLOWANCE_CONTROL", failing}};
  std::map<std::string, int> got;
  for (absl::Time end = absl::Now() + absl::Seconds(60); absl::Now() < end;) {
    got = RecommendationsByPlan(*plans_stub);
    if (got == expected) break;
    absl::SleepFor(absl::Milliseconds(250));
  }
  EXPECT_EQ(got, expected);
  // Nothing more arrives: each was delivered once.
  absl::SleepFor(absl::Seconds(3));
  EXPECT_EQ(RecommendationsByPlan(*plans_stub), expected);
  plans::ListFindingsRequest unplaced;
  unplaced.set_filter("placed = false");
  plans::ListFindingsResponse none;
  ASSERT_TRUE(plans_stub->ListFindings(As("hos-1", "senior_manager").get(), unplaced, &none).ok());
  EXPECT_EQ(none.findings_size(), 0);
}

}  // namespace
}  // namespace assure
