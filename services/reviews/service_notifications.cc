// ReviewsService: the IRO is told (CPPCR 2010 reg 45). The authority records a significant
// change, a failure to carry out the plan or a change of legal status; the allocated IRO
// sees it listed with its date until acknowledging it, and may name the earlier review it
// led to.
#include "absl/strings/str_cat.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

constexpr size_t kMaxDescriptionBytes = 4000;

absl::Status ValidateNotification(const v1::CreateNotificationRequest& req,
                                  absl::CivilDay today) {
  FieldViolations v;
  if (!ParseChildName(req.parent(), "parent").ok()) v.Add("parent", "must be children/{child}");
  const auto& n = req.notification();
  if (n.kind() == v1::NOTIFICATION_KIND_UNSPECIFIED || !v1::NotificationKind_IsValid(n.kind())) {
    v.Add("notification.kind",
          "is required: NOTIFICATION_KIND_SIGNIFICANT_CHANGE, _PLAN_NOT_CARRIED_OUT or "
          "_LEGAL_STATUS_CHANGE");
  }
  if (n.description().empty()) v.Add("notification.description", "is required: what happened");
  if (n.description().size() > kMaxDescriptionBytes) {
    v.Add("notification.description", "must be at most 4000 bytes");
  }
  CheckDate(n.event_date(), "notification.event_date", true, v, today);
  CheckRequestId(req.request_id(), v);
  if (!v.empty()) return v.ToStatus();
  return absl::OkStatus();
}

}  // namespace

ReviewsService::Reactor* ReviewsService::CreateNotification(
    Ctx* ctx, const v1::CreateNotificationRequest* req, v1::Notification* out) {
  auto who = Caller(ctx, *req, roles::kNotifiers, "CreateNotification");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateNotification(*req, Today()); !st.ok()) return Reply(ctx, st);
  return Change<v1::Notification>(
      ctx, *who, *req, "CreateNotification",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::Notification> {
        ASSURE_ASSIGN_OR_RETURN(std::string child_id, ParseChildName(req->parent(), "parent"));
        ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(tx.db(), who.tenant, child_id));
        ASSURE_ASSIGN_OR_RETURN(int64_t seq,
                                ReviewsStore::NextNotificationSeq(tx.db(), who.tenant, child_id));
        v1::Notification n;
        n.set_name(NotificationNameOf(child_id, seq));
        n.set_kind(req->notification().kind());
        n.set_description(req->notification().description());
        *n.mutable_event_date() = req->notification().event_date();
        n.set_iro(child.iro_allocation().iro());
        n.set_notified_by(who.subject);
        *n.mutable_notify_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(
            ReviewsStore::InsertNotification(tx.db(), who.tenant, child_id, seq, n));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateNotification", n.name()));
        return n;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::ListNotifications(
    Ctx* ctx, const v1::ListNotificationsRequest* req, v1::ListNotificationsResponse* out) {
  auto who = Caller(ctx, *req, roles::kNotificationReaders, "ListNotifications");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    NotificationQuery q;
    ASSURE_ASSIGN_OR_RETURN(q.child, ParseChildParent(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(auto terms, ParseFilter(req->filter(), {"iro", "acknowledged"}));
    const std::string query = absl::StrCat(req->parent(), "|", req->filter());
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), query));
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseNotificationName(after, "page_token"));
      q.after_child = last.child;
      q.after_seq = last.notification;
    }
    if (auto it = terms.find("iro"); it != terms.end()) {
      ASSURE_ASSIGN_OR_RETURN(q.iro, ParseIroName(it->second, "filter"));
    }
    ASSURE_ASSIGN_OR_RETURN(q.acknowledged, BoolTerm(terms, "acknowledged"));
    q.limit = size + 1;
    std::vector<v1::Notification> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(rows, ReviewsStore::ListNotifications(db, who->tenant, q));
      return absl::OkStatus();
    }));
    Emit(rows, size, query, [](const v1::Notification& n) { return n.name(); },
         [](v1::Notification&) {}, read, out->mutable_notifications(),
         out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListNotifications", std::move(read), st);
}

ReviewsService::Reactor* ReviewsService::AcknowledgeNotification(
    Ctx* ctx, const v1::AcknowledgeNotificationRequest* req, v1::Notification* out) {
  auto who = Caller(ctx, *req, roles::kChairs, "AcknowledgeNotification");
  if (!who.ok()) return Reply(ctx, who.status());
  FieldViolations v;
  auto name = ParseNotificationName(req->name(), "name");
  if (!name.ok()) v.Add("name", "must be children/{child}/notifications/{notification}");
  auto review = ParseReviewName(req->earlier_review(), "earlier_review");
  const bool other_child = review.ok() && name.ok() && review->child != name->child;
  if (!req->earlier_review().empty() && (!review.ok() || other_child)) {
    v.Add("earlier_review",
          "must be one of this child's reviews: children/{child}/reviews/{review}");
  }
  CheckRequestId(req->request_id(), v);
  if (!v.empty()) return Reply(ctx, v.ToStatus());
  return Change<v1::Notification>(
      ctx, *who, *req, "AcknowledgeNotification",
      [this, req, who = *who, name = *name](Tx& tx) -> absl::StatusOr<v1::Notification> {
        ASSURE_ASSIGN_OR_RETURN(
            auto n, ReviewsStore::LoadNotification(tx.db(), who.tenant, name.child,
                                                   name.notification));
        if (!n) return NotFound(req->name());
        ASSURE_RETURN_IF_ERROR(CheckEtag(req->etag(), n->etag(), n->name()));
        if (n->acknowledged()) {
          return FailedRule("notification.acknowledged_once",
                            absl::StrCat(n->name(), " was acknowledged by ", n->acknowledged_by()));
        }
        if (!req->earlier_review().empty()) {
          ASSURE_ASSIGN_OR_RETURN(auto r, ParseReviewName(req->earlier_review(), "earlier_review"));
          ASSURE_RETURN_IF_ERROR(MustLoadReview(tx.db(), who.tenant, r.child, r.review).status());
          n->set_earlier_review(req->earlier_review());
        }
        n->set_acknowledged(true);
        n->set_acknowledged_by(who.subject);
        *n->mutable_acknowledge_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(ReviewsStore::UpdateNotification(tx.db(), who.tenant, name.child,
                                                                name.notification, *n));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "AcknowledgeNotification", n->name()));
        return *std::move(n);
      },
      out);
}

}  // namespace assure::reviews
