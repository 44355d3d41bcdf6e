// ActionPlansService: the live figures a board report reads success measures against, asked
// of the services that keep them (reviews' annual report, audits' report) over gRPC as the
// caller, never from their stores. A figure that cannot be read is reported with why.
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "services/actionplans/live_figures.h"
#include "services/actionplans/service.h"
#include "services/common/dates.h"

namespace assure::actionplans {
namespace {

constexpr absl::Duration kFigureDeadline = absl::Seconds(3);

// One report's calls, alive until the last answers.
struct Fetch {
  absl::Mutex mu;
  LiveValues live ABSL_GUARDED_BY(mu);
  int pending ABSL_GUARDED_BY(mu) = 1;  // the issuing itself, so none finishes early
  std::function<void(LiveValues)> done;
  // Alive until the calls end, as the contexts must be.
  std::unique_ptr<reviews::v1::ReviewsService::Stub> reviews_stub;
  std::unique_ptr<audits::v1::AuditsService::Stub> audits_stub;
  grpc::ClientContext reviews_ctx, audits_ctx;
  reviews::v1::GetAnnualReportRequest annual_req;
  reviews::v1::AnnualReport annual;
  audits::v1::GetAuditReportRequest audit_req;
  audits::v1::AuditReport audit;

  void Add() {
    absl::MutexLock lock(&mu);
    ++pending;
  }
  void Set(v1::LiveFigure f, bool has, int64_t value, const std::string& why) {
    absl::MutexLock lock(&mu);
    if (has) {
      live.values[f] = value;
    } else {
      live.unavailable[f] = why;
    }
  }
  void Settle() {
    LiveValues out;
    {
      absl::MutexLock lock(&mu);
      if (--pending > 0) return;
      out = std::move(live);
    }
    done(std::move(out));
  }
};

std::string Refusal(const char* service, const grpc::Status& st) {
  return absl::StrCat(service, " answered ", st.error_code(), ": ",
                      st.error_message().substr(0, 200));
}

void Prepare(grpc::ClientContext& ctx, const Principal& who) {
  AttachPrincipal(who, ctx);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + kFigureDeadline));
}

}  // namespace

void ActionPlansService::ReadLiveFigures(const Principal& who, absl::CivilDay today,
                                         const std::set<v1::LiveFigure>& needed,
                                         std::function<void(LiveValues)> done) const {
  auto fetch = std::make_shared<Fetch>();
  fetch->done = std::move(done);
  const auto [first, last] = TwelveMonthsTo(today);
  const bool participation = needed.count(v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE) > 0;
  const bool late = needed.count(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE) > 0;
  if (participation || late) {
    Backend* reviews = routes_.ForService("assure.reviews.v1.ReviewsService");
    if (reviews == nullptr) {
      for (auto f :
           {v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE, v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE}) {
        if (needed.count(f)) fetch->Set(f, false, 0, "reviews is not routed here (--routes)");
      }
    } else {
      fetch->Add();
      Prepare(fetch->reviews_ctx, who);
      *fetch->annual_req.mutable_start_date() = ToProto(first);
      *fetch->annual_req.mutable_end_date() = ToProto(last);
      fetch->reviews_stub = reviews::v1::ReviewsService::NewStub(reviews->channel);
      fetch->reviews_stub->async()->GetAnnualReport(
          &fetch->reviews_ctx, &fetch->annual_req, &fetch->annual,
          [fetch, participation, late](grpc::Status st) {
            const auto& a = fetch->annual;
            const std::string why = st.ok() ? "" : Refusal("reviews", st);
            if (participation) {
              const bool any = st.ok() && a.participation().eligible_reviews() > 0;
              fetch->Set(v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE, any,
                         a.participation().rate_per_mille(),
                         st.ok() ? "no looked-after reviews held in the twelve months" : why);
            }
            if (late) {
              const bool any = st.ok() && a.reviews_held() > 0;
              fetch->Set(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE, any, a.reviews_late_per_mille(),
                         st.ok() ? "no reviews held in the twelve months" : why);
            }
            fetch->Settle();
          });
    }
  }
  if (needed.count(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT)) {
    Backend* audits = routes_.ForService("assure.audits.v1.AuditsService");
    if (audits == nullptr) {
      fetch->Set(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT, false, 0,
                 "audits is not routed here (--routes)");
    } else {
      fetch->Add();
      Prepare(fetch->audits_ctx, who);
      google::type::Date from = ToProto(first), to = ToProto(last);
      from.set_day(0);
      to.set_day(0);
      *fetch->audit_req.mutable_first_month() = from;
      *fetch->audit_req.mutable_last_month() = to;
      fetch->audits_stub = audits::v1::AuditsService::NewStub(audits->channel);
      fetch->audits_stub->async()->GetAuditReport(
          &fetch->audits_ctx, &fetch->audit_req, &fetch->audit, [fetch](grpc::Status st) {
            const auto& overall = fetch->audit.overall();
            fetch->Set(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT,
                       st.ok() && overall.count() > 0, overall.good_or_better_percent(),
                       st.ok() ? "no audits graded in the twelve months" : Refusal("audits", st));
            fetch->Settle();
          });
    }
  }
  fetch->Settle();
}

}  // namespace assure::actionplans
