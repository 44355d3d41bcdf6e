// Load on assure-audits. Two measures:
//   --mode=pairs: closed-loop create+get of register cases (a one-case BatchUpsertCases, then
//     GetCase), as reviews_load does for children; the same line as reviews_load.
//   --mode=selection: fills a tenant's register with --register cases (batches of 200, 8 in
//     flight), then times --draws selections of a month's sample (--auditors auditors of
//     --quota each) over it; prints the median and slowest draw in milliseconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "bench/closed_loop.h"
#include "grpcpp/create_channel.h"
#include "services/common/principal.h"

ABSL_FLAG(std::string, target, "127.0.0.1:7003", "assure-audits address");
ABSL_FLAG(std::string, mode, "pairs", "pairs or selection");
ABSL_FLAG(int, concurrency, 16, "pairs: create+get pairs in flight");
ABSL_FLAG(double, duration, 10, "pairs: seconds measured");
ABSL_FLAG(double, warmup, 2, "pairs: seconds run before measuring");
ABSL_FLAG(int, register_size, 100000, "selection: cases in the register");
ABSL_FLAG(int, auditors, 50, "selection: auditors in the sample");
ABSL_FLAG(int, quota, 6, "selection: audits for each");
ABSL_FLAG(int, draws, 5, "selection: samples drawn and timed");
ABSL_FLAG(std::string, tenant, "BENCH", "tenant the load writes under");

namespace {

namespace v1 = ::assure::audits::v1;
using assure::bench::Done;
using Clock = std::chrono::steady_clock;

void AddPrincipal(grpc::ClientContext& ctx, const char* role) {
  ctx.AddMetadata(assure::kSubjectHeader, "bench");
  ctx.AddMetadata(assure::kRolesHeader, role);
  ctx.AddMetadata(assure::kTenantHeader, absl::GetFlag(FLAGS_tenant));
}

v1::Case CaseNumbered(const std::string& id, long n) {
  v1::Case c;
  c.set_name("cases/" + id);
  c.set_team(absl::StrCat("team-", n % 40));
  c.set_service(absl::StrCat("service-", n % 5));
  c.set_worker(absl::StrCat("sw-", n % 2000));
  c.mutable_open_date()->set_year(2025);
  c.mutable_open_date()->set_month(4);
  c.mutable_open_date()->set_day(1);
  return c;
}

struct Call {
  grpc::ClientContext upsert_ctx, get_ctx;
  v1::BatchUpsertCasesRequest upsert;
  v1::BatchUpsertCasesResponse upserted;
  v1::GetCaseRequest get;
  v1::Case got;
};

void UpsertThenGet(v1::AuditsService::Stub& stub, const std::string& id, long n, Done done) {
  auto call = std::make_shared<Call>();
  AddPrincipal(call->upsert_ctx, "case_system");
  *call->upsert.add_cases() = CaseNumbered(id, n);
  stub.async()->BatchUpsertCases(
      &call->upsert_ctx, &call->upsert, &call->upserted, [&stub, call, done](grpc::Status st) {
        if (!st.ok()) return done(false);
        AddPrincipal(call->get_ctx, "iro_manager");
        call->get.set_name(call->upserted.cases(0).name());
        stub.async()->GetCase(&call->get_ctx, &call->get, &call->got,
                              [call, done](grpc::Status st) { done(st.ok()); });
      });
}

int Pairs(v1::AuditsService::Stub& stub) {
  const std::string run_id =
      absl::StrCat("b", std::chrono::system_clock::now().time_since_epoch().count());
  const int n = absl::GetFlag(FLAGS_concurrency);
  const auto result = assure::bench::RunClosedLoop(
      n, absl::GetFlag(FLAGS_warmup), absl::GetFlag(FLAGS_duration), [&](long id, Done done) {
        UpsertThenGet(stub, absl::StrCat(run_id, "-", id), id, std::move(done));
      });
  assure::bench::PrintPairs(n, result);
  return result.errors > 0 ? 1 : 0;
}

bool FillRegister(v1::AuditsService::Stub& stub, int size) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> feeders;
  for (int t = 0; t < 8; ++t) {
    feeders.emplace_back([&] {
      for (int first = next.fetch_add(200); first < size && !failed; first = next.fetch_add(200)) {
        v1::BatchUpsertCasesRequest req;
        for (int i = first; i < std::min(size, first + 200); ++i) {
          *req.add_cases() = CaseNumbered(absl::StrCat("R-", i), i);
        }
        grpc::ClientContext ctx;
        AddPrincipal(ctx, "case_system");
        v1::BatchUpsertCasesResponse out;
        const auto st = stub.BatchUpsertCases(&ctx, req, &out);
        if (!st.ok()) {
          std::fprintf(stderr, "feed: %s\n", st.error_message().c_str());
          failed = true;
        }
      }
    });
  }
  for (auto& t : feeders) t.join();
  return !failed;
}

int Selections(v1::AuditsService::Stub& stub) {
  const int size = absl::GetFlag(FLAGS_register_size);
  const auto fill_start = Clock::now();
  if (!FillRegister(stub, size)) return 1;
  const double fill_s = std::chrono::duration<double>(Clock::now() - fill_start).count();
  std::vector<double> ms;
  for (int d = 0; d < absl::GetFlag(FLAGS_draws); ++d) {
    v1::CreateSelectionRequest req;
    req.mutable_selection()->mutable_month()->set_year(2027);
    req.mutable_selection()->mutable_month()->set_month(1 + d % 12);
    req.mutable_selection()->set_type(v1::AUDIT_TYPE_ROUTINE);
    req.mutable_selection()->set_seed(1 + d);
    for (int a = 0; a < absl::GetFlag(FLAGS_auditors); ++a) {
      auto* q = req.mutable_selection()->add_auditors();
      q->set_auditor(absl::StrCat("sw-", a));
      q->set_quota(absl::GetFlag(FLAGS_quota));
    }
    grpc::ClientContext ctx;
    AddPrincipal(ctx, "senior_manager");
    v1::Selection out;
    const auto start = Clock::now();
    const auto st = stub.CreateSelection(&ctx, req, &out);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!st.ok()) {
      std::fprintf(stderr, "selection: %s\n", st.error_message().c_str());
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("register=%d fill_cases_per_s=%.0f sample=%d draws=%zu median_ms=%.1f max_ms=%.1f\n",
              size, size / fill_s, absl::GetFlag(FLAGS_auditors) * absl::GetFlag(FLAGS_quota),
              ms.size(), ms[ms.size() / 2], ms.back());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto stub = v1::AuditsService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  return absl::GetFlag(FLAGS_mode) == "selection" ? Selections(*stub) : Pairs(*stub);
}
