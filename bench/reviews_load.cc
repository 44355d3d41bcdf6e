// Closed-loop load on assure-reviews: each of --concurrency chains creates a child and then
// gets it back, again and again, on one channel (or --channels). Prints pairs per second and
// the latency of a whole create+get pair (p50/p90/p99/p99.9, microseconds), measured after
// --warmup seconds.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "bench/closed_loop.h"
#include "grpcpp/create_channel.h"
#include "services/common/dates.h"
#include "services/common/principal.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7001", "assure-reviews address");
ABSL_FLAG(int, concurrency, 16, "create+get pairs in flight");
ABSL_FLAG(int, channels, 1, "channels the workers share round-robin");
ABSL_FLAG(double, duration, 10, "seconds measured");
ABSL_FLAG(double, warmup, 2, "seconds run before measuring");
ABSL_FLAG(std::string, tenant, "BENCH", "tenant the load writes under");
ABSL_FLAG(std::string, token, "",
          "bearer token (through the gateway); without it the principal goes as metadata, as "
          "the gateway would send it");

namespace {

namespace v1 = ::assure::reviews::v1;
using assure::bench::Done;

void AddPrincipal(grpc::ClientContext& ctx, const char* role) {
  static const std::string token = absl::GetFlag(FLAGS_token);
  if (!token.empty()) {
    ctx.AddMetadata("authorization", "Bearer " + token);
    return;
  }
  ctx.AddMetadata(assure::kSubjectHeader, "bench");
  ctx.AddMetadata(assure::kRolesHeader, role);
  ctx.AddMetadata(assure::kTenantHeader, absl::GetFlag(FLAGS_tenant));
}

// One pair's calls and messages, alive until its get ends.
struct Call {
  grpc::ClientContext create_ctx, get_ctx;
  v1::CreateChildRequest create;
  v1::Child created, got;
  v1::GetChildRequest get;
};

void CreateThenGet(v1::ReviewsService::Stub& stub, const std::string& id, Done done) {
  auto call = std::make_shared<Call>();
  AddPrincipal(call->create_ctx, "case_system");
  call->create.set_child_id(id);
  *call->create.mutable_child()->mutable_birth_date() = assure::ToProto(absl::CivilDay(2014, 3, 1));
  auto* p = call->create.mutable_child()->add_periods_of_care();
  *p->mutable_start_date() = assure::ToProto(absl::CivilDay(2026, 3, 2));
  p->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  stub.async()->CreateChild(
      &call->create_ctx, &call->create, &call->created,
      [&stub, call, done](grpc::Status st) {
        if (!st.ok()) return done(false);
        AddPrincipal(call->get_ctx, "iro");
        call->get.set_name(call->created.name());
        stub.async()->GetChild(&call->get_ctx, &call->get, &call->got,
                               [call, done](grpc::Status st) { done(st.ok()); });
      });
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string run_id =
      absl::StrCat("b", std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<std::unique_ptr<v1::ReviewsService::Stub>> stubs;
  for (int i = 0; i < std::max(1, absl::GetFlag(FLAGS_channels)); ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);  // distinct channels, not one shared subchannel
    stubs.push_back(v1::ReviewsService::NewStub(grpc::CreateCustomChannel(
        absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(), args)));
  }
  const int n = absl::GetFlag(FLAGS_concurrency);
  const auto result = assure::bench::RunClosedLoop(
      n, absl::GetFlag(FLAGS_warmup), absl::GetFlag(FLAGS_duration), [&](long id, Done done) {
        CreateThenGet(*stubs[id % stubs.size()], absl::StrCat(run_id, "-", id), std::move(done));
      });
  assure::bench::PrintPairs(n, result);
  return result.errors > 0 ? 1 : 0;
}
