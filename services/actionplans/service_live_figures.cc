// ActionPlansService: the live figures a board report reads success measures against, asked
// of the services that keep them (reviews' annual report, audits' report) over gRPC as the
// caller, never from their stores. A figure that cannot be read is reported with why.
#include <memory>

#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "services/actionplans/live_figures.h"
#include "services/actionplans/service.h"
#include "services/common/dates.h"
#include "services/common/peer_calls.h"

namespace assure::actionplans {
namespace {

using audits::v1::AuditsService;
using reviews::v1::ReviewsService;

// Sets a figure read from a sibling's answer, or why there is none.
void Read(LiveValues& live, v1::LiveFigure f, const grpc::Status& st, const char* service, bool any,
          int64_t value, const char* why_none) {
  if (!st.ok()) {
    live.unavailable[f] = PeerRefusal(service, st);
  } else if (!any) {
    live.unavailable[f] = why_none;
  } else {
    live.values[f] = value;
  }
}

}  // namespace

void ActionPlansService::ReadLiveFigures(const Principal& who, absl::CivilDay today,
                                         const std::set<v1::LiveFigure>& needed,
                                         std::function<void(LiveValues)> done) const {
  auto live = std::make_shared<LiveValues>();
  auto peers = PeerCalls::Begin([live, done = std::move(done)] { done(std::move(*live)); });
  const auto [first, last] = TwelveMonthsTo(today);
  const bool participation = needed.count(v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE) > 0;
  const bool late = needed.count(v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE) > 0;
  if (participation || late) {
    reviews::v1::GetAnnualReportRequest req;
    *req.mutable_start_date() = ToProto(first);
    *req.mutable_end_date() = ToProto(last);
    peers->Ask<ReviewsService>(
        routes_, who, req, &ReviewsService::Stub::async::GetAnnualReport,
        [live, participation, late](const grpc::Status& st, const reviews::v1::AnnualReport& a) {
          if (participation) {
            Read(*live, v1::LIVE_FIGURE_PARTICIPATION_PER_MILLE, st, "reviews",
                 a.participation().eligible_reviews() > 0, a.participation().rate_per_mille(),
                 "no looked-after reviews held in the twelve months");
          }
          if (late) {
            Read(*live, v1::LIVE_FIGURE_REVIEWS_LATE_PER_MILLE, st, "reviews", a.reviews_held() > 0,
                 a.reviews_late_per_mille(), "no reviews held in the twelve months");
          }
        });
  }
  if (needed.count(v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT)) {
    audits::v1::GetAuditReportRequest req;
    *req.mutable_first_month() = ToProto(first);
    *req.mutable_last_month() = ToProto(last);
    req.mutable_first_month()->set_day(0);
    req.mutable_last_month()->set_day(0);
    peers->Ask<AuditsService>(routes_, who, req, &AuditsService::Stub::async::GetAuditReport,
                              [live](const grpc::Status& st, const audits::v1::AuditReport& r) {
                                Read(*live, v1::LIVE_FIGURE_AUDITS_GOOD_OR_BETTER_PERCENT, st,
                                     "audits", r.overall().count() > 0,
                                     r.overall().good_or_better_percent(),
                                     "no audits graded in the twelve months");
                              });
  }
  peers->Issued();
}

}  // namespace assure::actionplans
