// ReviewsService: the annual report and the safeguarding dataset export.
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/period.h"
#include "services/common/status_macros.h"
#include "services/reviews/annual_report.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/kinds.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

ReportMeeting ToReportMeeting(const v1::Review& r) {
  ReportMeeting m;
  m.kind = *KindFromProto(r.kind());
  m.date = *FromProto(r.effective_date()).day;
  m.late = r.late();
  m.late_reason = r.late_reason();
  m.participation = PnCode(r.participation());
  m.iro_saw_child_beforehand = r.iro_saw_child_beforehand();
  m.child_chaired = r.child_chaired();
  return m;
}

}  // namespace

ReviewsService::Reactor* ReviewsService::GetAnnualReport(Ctx* ctx,
                                                         const v1::GetAnnualReportRequest* req,
                                                         v1::AnnualReport* out) {
  auto who = Caller(ctx, *req, roles::kReporters, "GetAnnualReport");
  if (!who.ok()) return Reply(ctx, who.status());
  auto period = ParsePeriod(req->start_date(), req->end_date());
  if (!period.ok()) return Reply(ctx, period.status());
  const auto [start, end] = *period;
  return Reply(ctx, store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto held, ReviewsStore::HeldBetween(db, who->tenant, start, end));
    std::vector<ReportMeeting> meetings;
    for (const auto& r : held) meetings.push_back(ToReportMeeting(r));
    ASSURE_ASSIGN_OR_RETURN(auto children, ReviewsStore::AllChildren(db, who->tenant));
    std::vector<ReportPeriod> periods;
    for (const auto& c : children) {
      const auto birth = FromProto(c.birth_date()).day;
      for (const auto& p : c.periods_of_care()) {
        const auto day = LookedAfterDay(p);
        if (birth && day) periods.push_back({*birth, *day, FromProto(p.end_date()).day});
      }
    }
    std::vector<ReportIro> iros;
    ASSURE_ASSIGN_OR_RETURN(auto all, ReviewsStore::ListIros(db, who->tenant, v1::IRO_STATUS_ACTIVE,
                                                             "", 1 << 20));
    for (const auto& iro : all) {
      ASSURE_ASSIGN_OR_RETURN(Caseload c,
                              ReviewsStore::CaseloadOf(db, who->tenant, iro.name().substr(5)));
      iros.push_back({iro.name(), iro.fte_hundredths(), iro.chairs_lac_reviews(),
                      iro.chairs_cp_conferences(), c.lac, c.cp});
    }
    ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
    *out = BuildAnnualReport(start, end, meetings, periods, iros, settings);
    return absl::OkStatus();
  }));
}

ReviewsService::Reactor* ReviewsService::ExportSafeguardingDataset(
    Ctx* ctx, const v1::ExportSafeguardingDatasetRequest* req,
    v1::ExportSafeguardingDatasetResponse* out) {
  auto who = Caller(ctx, *req, roles::kExporters, "ExportSafeguardingDataset");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto period, ParsePeriod(req->start_date(), req->end_date()));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    const std::string query = absl::StrCat(FormatDay(period.first), "|", FormatDay(period.second));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    ReviewName last;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(last, ParseReviewName(after, "page_token"));
    }
    std::vector<v1::Review> reviews;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(reviews, ReviewsStore::DatasetReviews(db, who->tenant, period.first,
                                                                    period.second, last.child,
                                                                    last.review, size + 1));
      return absl::OkStatus();
    }));
    out->set_next_page_token(
        TrimPage(reviews, size, query, [](const v1::Review& r) { return r.name(); }));
    for (const auto& r : reviews) {
      auto* row = out->add_reviews();
      row->set_child(r.name().substr(0, r.name().find("/reviews/")));
      *row->mutable_period_of_care_start_date() = r.period_of_care_start_date();
      *row->mutable_due_date() = r.due().due_date();
      *row->mutable_review_date() = r.effective_date();
      row->set_cancelled(r.state() == v1::REVIEW_STATE_CANCELLED);
      if (const auto pn = PnCode(r.participation())) row->set_participation(absl::StrCat("PN", *pn));
      read.push_back(r.name());
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ExportSafeguardingDataset", std::move(read), st);
}

}  // namespace assure::reviews
