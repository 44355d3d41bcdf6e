// ReviewsService: the worklist. Which meetings are due soon or overdue, and which meetings a
// child's chains need with none scheduled, kept with every change to the child's history or
// meetings so that reading them is an indexed read and never a replay of every history.
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/dates.h"
#include "services/common/due.h"
#include "services/common/figures.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/reviews/child_facts.h"
#include "services/reviews/kinds.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/worklist.h"

namespace assure::reviews {
namespace {

// The kinds of the meetings now scheduled for a child.
std::vector<MeetingKind> ScheduledKinds(const std::vector<v1::Review>& reviews) {
  std::vector<MeetingKind> kinds;
  for (const auto& r : reviews) {
    const auto kind = KindFromProto(r.kind());
    if (kind && r.state() == v1::REVIEW_STATE_SCHEDULED) kinds.push_back(*kind);
  }
  return kinds;
}

// A page of unscheduled meetings ends at (due date, child, kind).
std::string UnscheduledKey(const v1::UnscheduledMeeting& m) {
  const auto due = FromProto(m.due().due_date()).day;
  return absl::StrCat(due ? FormatDay(*due) : "", "|", m.child(), "|", m.kind());
}

absl::Status ResumeAfter(const std::string& key, UnscheduledQuery& q) {
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  auto child = parts.size() == 3 ? ParseChildName(parts[1], "page_token")
                                 : absl::InvalidArgumentError("");
  if (!child.ok() || !absl::SimpleAtoi(parts[2], &q.after_kind)) {
    return InvalidField("page_token", "is not one this method issued");
  }
  q.after_due = parts[0];
  q.after_child = *child;
  return absl::OkStatus();
}

}  // namespace

absl::Status ReviewsService::SaveReview(Tx& tx, const std::string& tenant,
                                        const std::string& child, int64_t seq,
                                        v1::Review& review) const {
  ASSURE_ASSIGN_OR_RETURN(auto before, ReviewsStore::LoadReview(tx.db(), tenant, child, seq));
  if (before) {
    ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateReview(tx.db(), tenant, child, seq, review));
  } else {
    ASSURE_RETURN_IF_ERROR(ReviewsStore::InsertReview(tx.db(), tenant, child, seq, review));
  }
  return ReviewsMetrics::MeetingSaved(tx, tenant, before ? &*before : nullptr, review);
}

absl::Status ReviewsService::RefreshSchedule(Tx& tx, const std::string& tenant,
                                             const v1::Child& child) const {
  ASSURE_ASSIGN_OR_RETURN(std::string id, ParseChildName(child.name(), "name"));
  ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(tx.db(), tenant, id));
  ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(tx.db(), tenant));
  const ChildHistory history = HistoryOf(child, reviews, settings);
  for (auto& review : reviews) {
    if (review.state() != v1::REVIEW_STATE_SCHEDULED) continue;
    const auto kind = KindFromProto(review.kind());
    const auto next = kind ? NextMeetingOfKind(*kind, history, calendar_, settings.schedule)
                           : std::nullopt;
    if (!next) continue;  // the chain has ended: the meeting keeps the date it was set for
    ASSURE_ASSIGN_OR_RETURN(const auto due, DueToProto(next->due));
    if (due.SerializeAsString() == review.due().SerializeAsString()) continue;
    *review.mutable_due() = due;
    ASSURE_ASSIGN_OR_RETURN(auto seq_name, ParseReviewName(review.name(), "name"));
    ASSURE_RETURN_IF_ERROR(SaveReview(tx, tenant, id, seq_name.review, review));
  }
  const auto next = NextMeetings(history, calendar_, settings.schedule);
  const auto scheduled = ScheduledKinds(reviews);
  std::vector<NextMeetingRow> rows;
  for (const auto& meeting : next) {
    auto due = DueToProto(meeting.due);
    // Past the bank holiday list's years no date is kept rather than a wrong one.
    if (!due.ok()) continue;
    const bool is_scheduled =
        std::find(scheduled.begin(), scheduled.end(), meeting.kind) != scheduled.end();
    rows.push_back({KindToProto(meeting.kind), FormatDay(meeting.due.date), is_scheduled,
                    *std::move(due)});
  }
  std::sort(rows.begin(), rows.end(),
            [](const NextMeetingRow& a, const NextMeetingRow& b) { return a.kind < b.kind; });
  ASSURE_ASSIGN_OR_RETURN(const auto kept, ReviewsStore::NextMeetingsOf(tx.db(), tenant, id));
  if (rows == kept) return absl::OkStatus();  // most writes leave the next meetings as they were
  ASSURE_RETURN_IF_ERROR(ReviewsStore::ReplaceNextMeetings(tx.db(), tenant, id, rows));
  auto unscheduled = [](const std::vector<NextMeetingRow>& rs) {
    return std::any_of(rs.begin(), rs.end(), [](const NextMeetingRow& r) { return !r.scheduled; });
  };
  const bool unscheduled_now = unscheduled(rows), unscheduled_before = unscheduled(kept);
  if (unscheduled_now == unscheduled_before) return absl::OkStatus();
  return ReviewsMetrics::AddUnscheduled(tx, tenant, unscheduled_now ? +1 : -1);
}

absl::Status ReviewsService::SeedWorklistOnce() {
  return Figures::SeedOnce(store_, "reviews_worklist", [this](Tx& tx) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto tenants, ReviewsStore::TenantsWithChildren(tx.db()));
    for (const auto& tenant : tenants) {
      ASSURE_ASSIGN_OR_RETURN(auto children, ReviewsStore::AllChildren(tx.db(), tenant));
      for (const auto& child : children) {
        ASSURE_ASSIGN_OR_RETURN(std::string id, ParseChildName(child.name(), "name"));
        ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(tx.db(), tenant, id));
        for (const auto& r : reviews) {
          ASSURE_RETURN_IF_ERROR(ReviewsMetrics::MeetingSaved(tx, tenant, nullptr, r));
        }
        ASSURE_RETURN_IF_ERROR(ReviewsMetrics::PlanInForceChanged(
            tx, tenant, std::nullopt, PlanInForce(EpisodesOf(child.child_protection()))));
        ASSURE_RETURN_IF_ERROR(RefreshSchedule(tx, tenant, child));
      }
    }
    return absl::OkStatus();
  });
}

// ---- ListUnscheduledMeetings

ReviewsService::Reactor* ReviewsService::ListUnscheduledMeetings(
    Ctx* ctx, const v1::ListUnscheduledMeetingsRequest* req,
    v1::ListUnscheduledMeetingsResponse* out) {
  auto who = Caller(ctx, *req, roles::kMeetingReaders, "ListUnscheduledMeetings");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    UnscheduledQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.child, ParseChildParent(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(auto terms,
                            ParseFilter(req->filter(), {"kind", "iro", "overdue", "due_soon"}));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) ASSURE_RETURN_IF_ERROR(ResumeAfter(after, q));
    ASSURE_ASSIGN_OR_RETURN(q.kind, EnumTerm<v1::ReviewKind>(terms, "kind", v1::ReviewKind_Parse,
                                                             "REVIEW_KIND_LAC_REVIEW"));
    if (auto it = terms.find("iro"); it != terms.end()) {
      ASSURE_ASSIGN_OR_RETURN(q.iro, ParseIroName(it->second, "filter"));
    }
    ASSURE_ASSIGN_OR_RETURN(const auto overdue, BoolTerm(terms, "overdue"));
    ASSURE_ASSIGN_OR_RETURN(const auto due_soon, BoolTerm(terms, "due_soon"));
    if (due_soon == false) return InvalidField("filter", "due_soon takes true");
    const absl::CivilDay today = Today();
    if (overdue) (*overdue ? q.due_before : q.due_from) = FormatDay(today);
    std::vector<UnscheduledRow> rows;
    int window = 0;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(const Settings settings, SettingsFor(db, who->tenant));
      window = settings.due_soon_working_days;
      if (due_soon) {
        // Due soon is not yet overdue: from today to the window's end.
        q.due_from = std::max(q.due_from.value_or(""), FormatDay(today));
        q.due_to = FormatDay(DueSoonUntil(today, window, calendar_));
      }
      q.limit = size + 1;
      ASSURE_ASSIGN_OR_RETURN(rows, ReviewsStore::ListUnscheduled(db, who->tenant, q));
      return absl::OkStatus();
    }));
    std::vector<v1::UnscheduledMeeting> meetings;
    for (auto& row : rows) {
      v1::UnscheduledMeeting m;
      m.set_child(ChildName(row.child));
      m.set_kind(static_cast<v1::ReviewKind>(row.kind));
      *m.mutable_due() = std::move(row.due);
      if (!row.iro.empty()) m.set_iro(IroName(row.iro));
      if (const auto day = FromProto(m.due().due_date()).day) {
        const WorklistFlags flags = FlagsOf(*day, today, window, calendar_);
        m.set_overdue(flags.overdue);
        m.set_due_soon(flags.due_soon);
      }
      meetings.push_back(std::move(m));
    }
    *out->mutable_next_page_token() = TrimPage(meetings, size, query, UnscheduledKey);
    for (auto& m : meetings) {
      read.push_back(m.child());
      *out->add_unscheduled_meetings() = std::move(m);
    }
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListUnscheduledMeetings", std::move(read), st);
}

}  // namespace assure::reviews
