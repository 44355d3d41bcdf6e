// Load on assure-allowances: closed-loop create+get of draft allowances (CreateAllowance,
// then GetAllowance) for one supported child created first, as reviews_load does for
// children; the same line as reviews_load.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "assure/allowances/v1/allowances_service.grpc.pb.h"
#include "bench/closed_loop.h"
#include "grpcpp/create_channel.h"
#include "services/common/principal.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7004", "assure-allowances address");
ABSL_FLAG(int, concurrency, 16, "create+get pairs in flight");
ABSL_FLAG(double, duration, 10, "seconds measured");
ABSL_FLAG(double, warmup, 2, "seconds run before measuring");
ABSL_FLAG(std::string, tenant, "BENCH", "tenant the load writes under");

namespace {

namespace v1 = ::assure::allowances::v1;
using assure::bench::Done;

void AddPrincipal(grpc::ClientContext& ctx, const char* role) {
  ctx.AddMetadata(assure::kSubjectHeader, "bench");
  ctx.AddMetadata(assure::kRolesHeader, role);
  ctx.AddMetadata(assure::kTenantHeader, absl::GetFlag(FLAGS_tenant));
}

google::type::Date Day(int y, int m, int d) {
  google::type::Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

// The child every allowance of the run is paid for.
bool CreateChild(v1::AllowancesService::Stub& stub, const std::string& id) {
  v1::CreateSupportedChildRequest req;
  req.set_child_id(id);
  auto* c = req.mutable_child();
  c->set_display_name("Bench Child");
  *c->mutable_birth_date() = Day(2016, 2, 1);
  c->set_order_type(v1::ORDER_TYPE_SPECIAL_GUARDIANSHIP);
  *c->mutable_order_date() = Day(2022, 3, 1);
  c->set_lives_with_carers(true);
  grpc::ClientContext ctx;
  AddPrincipal(ctx, "social_worker");
  v1::SupportedChild out;
  const auto st = stub.CreateSupportedChild(&ctx, req, &out);
  if (!st.ok()) std::fprintf(stderr, "child: %s\n", st.error_message().c_str());
  return st.ok();
}

struct Call {
  grpc::ClientContext create_ctx, get_ctx;
  v1::CreateAllowanceRequest create;
  v1::Allowance created;
  v1::GetAllowanceRequest get;
  v1::Allowance got;
};

void CreateThenGet(v1::AllowancesService::Stub& stub, const std::string& child, Done done) {
  auto call = std::make_shared<Call>();
  AddPrincipal(call->create_ctx, "social_worker");
  auto* a = call->create.mutable_allowance();
  a->set_child("supportedChildren/" + child);
  a->set_type(v1::ALLOWANCE_TYPE_SPECIAL_GUARDIANSHIP);
  a->set_amount_pence(15000);
  a->set_frequency(v1::FREQUENCY_WEEKLY);
  *a->mutable_start_date() = Day(2026, 4, 6);
  a->set_ledger_code("SGO-ALLOW");
  stub.async()->CreateAllowance(
      &call->create_ctx, &call->create, &call->created, [&stub, call, done](grpc::Status st) {
        if (!st.ok()) return done(false);
        AddPrincipal(call->get_ctx, "finance");
        call->get.set_name(call->created.name());
        stub.async()->GetAllowance(&call->get_ctx, &call->get, &call->got,
                                   [call, done](grpc::Status st) { done(st.ok()); });
      });
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto stub = v1::AllowancesService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  const std::string child =
      absl::StrCat("b", std::chrono::system_clock::now().time_since_epoch().count());
  if (!CreateChild(*stub, child)) return 1;
  const int n = absl::GetFlag(FLAGS_concurrency);
  const auto result = assure::bench::RunClosedLoop(
      n, absl::GetFlag(FLAGS_warmup), absl::GetFlag(FLAGS_duration),
      [&](long, Done done) { CreateThenGet(*stub, child, std::move(done)); });
  assure::bench::PrintPairs(n, result);
  return result.errors > 0 ? 1 : 0;
}
