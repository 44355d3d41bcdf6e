// ReviewsService: the annual report and the safeguarding dataset export.
#include "absl/strings/str_cat.h"
#include "assure/audits/v1/audits_service.grpc.pb.h"
#include "assure/disputes/v1/disputes_service.grpc.pb.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/peer_calls.h"
#include "services/common/period.h"
#include "services/common/status_macros.h"
#include "services/reviews/annual_report.h"
#include "services/reviews/caseload_on.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/cp_episodes.h"
#include "services/reviews/kinds.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

using audits::v1::AuditsService;
using disputes::v1::DisputesService;

ReportMeeting ToReportMeeting(const v1::Review& r) {
  ReportMeeting m;
  m.kind = *KindFromProto(r.kind());
  m.date = *FromProto(r.effective_date()).day;
  m.late = r.late();
  m.late_reason = r.late_reason();
  m.participation = PnCode(r.participation());
  m.iro_saw_child_beforehand = r.iro_saw_child_beforehand();
  m.child_chaired = r.child_chaired();
  for (const auto& p : r.paperwork()) m.paperwork.emplace_back(p.item(), p.status());
  return m;
}

// Every IRO active now or with children counted to them on `day`, with that day's caseload.
// `episodes` are the children's, in the same order.
std::vector<ReportIro> IrosOn(absl::CivilDay day, const std::vector<v1::Iro>& all,
                              const std::vector<v1::Child>& children,
                              const std::vector<std::vector<CpEpisode>>& episodes,
                              const std::map<std::string, std::vector<AllocationOn>>& history) {
  std::vector<ChildOnDay> on_day;
  for (size_t i = 0; i < children.size(); ++i) {
    const auto id = ParseChildName(children[i].name(), "name");
    const auto it = id.ok() ? history.find(*id) : history.end();
    if (it == history.end()) continue;
    on_day.push_back(
        {IroOn(it->second, day), LookedAfterOn(children[i], day), OnPlanOn(episodes[i], day)});
  }
  const auto caseloads = CaseloadsOn(on_day);
  std::vector<ReportIro> out;
  for (const auto& iro : all) {
    const auto it = caseloads.find(iro.name());
    if (it == caseloads.end() && iro.status() != v1::IRO_STATUS_ACTIVE) continue;
    const DayCaseload c = it == caseloads.end() ? DayCaseload{} : it->second;
    out.push_back({iro.name(), iro.fte_hundredths(), iro.chairs_lac_reviews(),
                   iro.chairs_cp_conferences(), c.lac, c.cp});
  }
  return out;
}

void AddChildProtection(const std::vector<std::vector<CpEpisode>>& episodes,
                        absl::CivilDay start, absl::CivilDay end, v1::AnnualReport& out) {
  const CpPeriodCounts cp = CountPlansInPeriod(episodes, start, end);
  auto* summary = out.mutable_child_protection();
  summary->set_on_plan_at_end(cp.on_plan_at_end);
  summary->set_plans_started(cp.started);
  summary->set_repeat_plans_started(cp.repeat_started);
  summary->set_repeat_within_two_years(cp.repeat_within_two_years);
  summary->set_plans_ended(cp.ended);
}

void Unavailable(v1::AnnualReport& out, const char* section, std::string reason) {
  auto* u = out.add_unavailable();
  u->set_section(section);
  u->set_reason(std::move(reason));
}

google::type::Date MonthOf(absl::CivilDay day) {
  google::type::Date d = ToProto(day);
  d.set_day(0);
  return d;
}

// The sections other services keep, asked of them as the caller.
void AskSiblings(PeerCalls& peers, const Routes& routes, const Principal& who,
                 absl::CivilDay start, absl::CivilDay end, v1::AnnualReport* out) {
  disputes::v1::SummarizeDisputesRequest summary;
  *summary.mutable_start_date() = ToProto(start);
  *summary.mutable_end_date() = ToProto(end);
  peers.Ask<DisputesService>(
      routes, who, summary, &DisputesService::Stub::async::SummarizeDisputes,
      [out](const grpc::Status& st, const disputes::v1::DisputeSummary& s) {
        if (!st.ok()) return Unavailable(*out, "disputes", PeerRefusal("disputes", st));
        *out->mutable_disputes() = s;
      });
  audits::v1::GetAuditReportRequest audit;
  *audit.mutable_first_month() = MonthOf(start);
  *audit.mutable_last_month() = MonthOf(end);
  peers.Ask<AuditsService>(
      routes, who, audit, &AuditsService::Stub::async::GetAuditReport,
      [out](const grpc::Status& st, const audits::v1::AuditReport& r) {
        if (!st.ok()) {
          return Unavailable(*out, "chair_practice_audits", PeerRefusal("audits", st));
        }
        auto* chair = out->mutable_chair_practice_audits();
        chair->set_key(audits::v1::AuditType_Name(audits::v1::AUDIT_TYPE_IRO_CHAIR_PRACTICE));
        for (const auto& b : r.by_type()) {
          if (b.key() == chair->key()) *chair = b;
        }
      });
  audits::v1::GetIroObservationCoverageRequest coverage;
  coverage.set_year(ReportingYearOf(start).year);
  peers.Ask<AuditsService>(
      routes, who, coverage, &AuditsService::Stub::async::GetIroObservationCoverage,
      [out](const grpc::Status& st, const audits::v1::IroObservationCoverage& c) {
        if (!st.ok()) return Unavailable(*out, "observations", PeerRefusal("audits", st));
        *out->mutable_observations() = c;
      });
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
  const absl::Status st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
    ASSURE_ASSIGN_OR_RETURN(auto held, ReviewsStore::HeldBetween(db, who->tenant, start, end));
    std::vector<ReportMeeting> meetings;
    for (auto& r : held) {
      Present(r, settings);
      meetings.push_back(ToReportMeeting(r));
    }
    ASSURE_ASSIGN_OR_RETURN(auto children, ReviewsStore::AllChildren(db, who->tenant));
    std::vector<ReportPeriod> periods;
    for (const auto& c : children) {
      const auto birth = FromProto(c.birth_date()).day;
      for (const auto& p : c.periods_of_care()) {
        const auto day = LookedAfterDay(p);
        if (birth && day) periods.push_back({*birth, *day, FromProto(p.end_date()).day});
      }
    }
    ASSURE_ASSIGN_OR_RETURN(auto all, ReviewsStore::ListIros(db, who->tenant, std::nullopt, "",
                                                             1 << 20));
    ASSURE_ASSIGN_OR_RETURN(auto history, ReviewsStore::AllocationsUpTo(db, who->tenant, end));
    std::vector<std::vector<CpEpisode>> episodes;
    for (const auto& c : children) episodes.push_back(EpisodesOf(c.child_protection()));
    *out = BuildAnnualReport(start, end, meetings, periods,
                             IrosOn(end, all, children, episodes, history), settings);
    AddChildProtection(episodes, start, end, *out);
    ASSURE_ASSIGN_OR_RETURN(auto programmes, ReviewsStore::WorkProgrammes(db, who->tenant));
    for (const auto& w : programmes) {
      const auto from = DayOf(w.start_date());
      const auto to = DayOf(w.end_date());
      if (from && to && *from <= end && *to >= start) out->add_work_programmes(w.name());
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  auto* reactor = ctx->DefaultReactor();
  auto peers = PeerCalls::Begin([reactor] { reactor->Finish(grpc::Status::OK); });
  AskSiblings(*peers, routes_, *who, start, end, out);
  peers->Issued();
  return reactor;
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
