// Load on assure-actionplans: closed-loop create+get of SMART actions (CreateAction, then
// GetAction) on plans created first, as allowances_load does for allowances; the same line
// as reviews_load. --plans=1 puts every action on one plan, whose action numbers each
// create takes in turn: the contended case.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "bench/closed_loop.h"
#include "grpcpp/create_channel.h"
#include "services/common/principal.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7005", "assure-actionplans address");
ABSL_FLAG(int, concurrency, 16, "create+get pairs in flight");
ABSL_FLAG(double, duration, 10, "seconds measured");
ABSL_FLAG(double, warmup, 2, "seconds run before measuring");
ABSL_FLAG(std::string, tenant, "BENCH", "tenant the load writes under");
ABSL_FLAG(int, plans, 1, "plans the actions are spread over, in turn");

namespace {

namespace v1 = ::assure::actionplans::v1;
using assure::bench::Done;

void AddPrincipal(grpc::ClientContext& ctx, const char* role) {
  ctx.AddMetadata(assure::kSubjectHeader, "bench");
  ctx.AddMetadata(assure::kRolesHeader, role);
  ctx.AddMetadata(assure::kTenantHeader, absl::GetFlag(FLAGS_tenant));
}

// One of the plans the run's actions are on.
bool CreatePlan(v1::ActionPlansService::Stub& stub, const std::string& id) {
  v1::CreatePlanRequest req;
  req.set_plan_id(id);
  auto* p = req.mutable_plan();
  p->set_title("Bench plan");
  p->set_source(v1::PLAN_SOURCE_INTERNAL_AUDIT);
  p->set_owning_service("Children's Services");
  p->set_owner("hos-1");
  p->set_board("Performance Board");
  grpc::ClientContext ctx;
  AddPrincipal(ctx, "senior_manager");
  v1::Plan out;
  const auto st = stub.CreatePlan(&ctx, req, &out);
  if (!st.ok()) std::fprintf(stderr, "plan: %s\n", st.error_message().c_str());
  return st.ok();
}

struct Call {
  grpc::ClientContext create_ctx, get_ctx;
  v1::CreateActionRequest create;
  v1::Action created;
  v1::GetActionRequest get;
  v1::Action got;
};

void CreateThenGet(v1::ActionPlansService::Stub& stub, const std::string& plan, Done done) {
  auto call = std::make_shared<Call>();
  AddPrincipal(call->create_ctx, "senior_manager");
  call->create.set_parent("plans/" + plan);
  auto* a = call->create.mutable_action();
  a->set_what("Record the reason for every late review");
  a->set_measure_of_success("Every late review has its reason recorded");
  a->set_desired_outcome("Late reviews are understood and fall");
  a->add_responsible_officers("tm-1");
  a->set_team("IRO service");
  a->mutable_target_date()->set_year(2027);
  a->mutable_target_date()->set_month(3);
  a->mutable_target_date()->set_day(31);
  a->set_evidence_required("A month's late reviews, each with its reason");
  stub.async()->CreateAction(
      &call->create_ctx, &call->create, &call->created, [&stub, call, done](grpc::Status st) {
        if (!st.ok()) return done(false);
        AddPrincipal(call->get_ctx, "team_manager");
        call->get.set_name(call->created.name());
        stub.async()->GetAction(&call->get_ctx, &call->get, &call->got,
                                [call, done](grpc::Status st) { done(st.ok()); });
      });
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto stub = v1::ActionPlansService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  const std::string run =
      absl::StrCat("b", std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<std::string> plans;
  for (int i = 0; i < std::max(1, absl::GetFlag(FLAGS_plans)); ++i) {
    plans.push_back(absl::StrCat(run, "-", i));
    if (!CreatePlan(*stub, plans.back())) return 1;
  }
  const int n = absl::GetFlag(FLAGS_concurrency);
  const auto result = assure::bench::RunClosedLoop(
      n, absl::GetFlag(FLAGS_warmup), absl::GetFlag(FLAGS_duration), [&](long id, Done done) {
        CreateThenGet(*stub, plans[id % plans.size()], std::move(done));
      });
  assure::bench::PrintPairs(n, result);
  return result.errors > 0 ? 1 : 0;
}
