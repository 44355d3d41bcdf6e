// ReviewsService: the child's views, sent by its advocate before a meeting for the IRO who
// chairs it. Only while the child is referred to the advocate's provider and the meeting is
// still to happen; read by the chair, by the provider that sent them, and by other staff only
// when the child let them be shared with the meeting.
#include "absl/strings/str_cat.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/status_macros.h"
#include "services/reviews/advocate_input_store.h"
#include "services/reviews/child_views.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"
#include "services/reviews/validation.h"

namespace assure::reviews {
namespace {

absl::Status ValidateViews(const v1::CreateChildViewsRequest& req) {
  FieldViolations v;
  if (!ParseReviewName(req.parent(), "parent").ok()) {
    v.Add("parent", "must be children/{child}/reviews/{review}");
  }
  const auto& views = req.views();
  if (views.text().empty()) v.Add("views.text", "is required: the child's views");
  if (views.gathered() == 0 || !v1::ViewsGathered_IsValid(views.gathered())) {
    v.Add("views.gathered", "is required: a VIEWS_GATHERED_ value");
  }
  if (views.audience() == 0 || !v1::ViewsAudience_IsValid(views.audience())) {
    v.Add("views.audience", "is required: VIEWS_AUDIENCE_IRO_ONLY or _MEETING");
  }
  CheckRequestId(req.request_id(), v);
  return v.ToStatus();
}

ViewsReader ReaderOf(const Principal& who) {
  if (!who.partner.empty()) return ViewsReader::kPartner;
  if (who.HasAnyRole(roles::kChairs) || who.HasRole(role::kAdmin)) return ViewsReader::kChair;
  return ViewsReader::kOtherStaff;
}

}  // namespace

ReviewsService::Reactor* ReviewsService::CreateChildViews(Ctx* ctx,
                                                          const v1::CreateChildViewsRequest* req,
                                                          v1::ChildViews* out) {
  auto who = Caller(ctx, *req, roles::kReferralResponders, "CreateChildViews");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto st = ValidateViews(*req); !st.ok()) return Reply(ctx, st);
  return Change<v1::ChildViews>(
      ctx, *who, *req, "CreateChildViews",
      [this, req, who = *who](Tx& tx) -> absl::StatusOr<v1::ChildViews> {
        ASSURE_ASSIGN_OR_RETURN(auto meeting, ParseReviewName(req->parent(), "parent"));
        ASSURE_RETURN_IF_ERROR(CheckPartnerScope(tx.db(), who, meeting.child));
        ASSURE_ASSIGN_OR_RETURN(v1::Review review,
                                MustLoadReview(tx.db(), who.tenant, meeting.child, meeting.review));
        ASSURE_RETURN_IF_ERROR(CheckViewsBeforeMeeting(review));
        ASSURE_ASSIGN_OR_RETURN(
            int64_t seq,
            AdvocateInputStore::NextViewsSeq(tx.db(), who.tenant, meeting.child, meeting.review));
        v1::ChildViews views;
        views.set_name(ChildViewsNameOf(meeting.child, meeting.review, seq));
        views.set_text(req->views().text());
        views.set_gathered(req->views().gathered());
        views.set_audience(req->views().audience());
        views.set_partner(who.partner);
        views.set_submitted_by(who.subject);
        *views.mutable_submit_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(AdvocateInputStore::InsertViews(tx.db(), who.tenant, meeting.child,
                                                               meeting.review, seq, views));
        ASSURE_RETURN_IF_ERROR(Access(tx, who, "CreateChildViews", views.name()));
        ASSURE_RETURN_IF_ERROR(Publish(tx, who,
                                       {"reviews.views.submitted", views.name(),
                                        ChildName(meeting.child), views.partner()}));
        return views;
      },
      out);
}

ReviewsService::Reactor* ReviewsService::ListChildViews(Ctx* ctx,
                                                        const v1::ListChildViewsRequest* req,
                                                        v1::ListChildViewsResponse* out) {
  auto who = Caller(ctx, *req, roles::kReferralReaders, "ListChildViews");
  if (!who.ok()) return Reply(ctx, who.status());
  std::vector<std::string> read;
  auto run = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(auto meeting, ParseReviewName(req->parent(), "parent"));
    ASSURE_ASSIGN_OR_RETURN(int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(std::string after, DecodePageToken(req->page_token(), req->parent()));
    ViewsQuery q;
    q.child = meeting.child;
    q.review = meeting.review;
    if (!after.empty()) {
      ASSURE_ASSIGN_OR_RETURN(auto last, ParseChildViewsName(after, "page_token"));
      q.after_seq = last.views;
    }
    switch (ReaderOf(*who)) {
      case ViewsReader::kPartner:
        q.partner = who->partner;
        break;
      case ViewsReader::kOtherStaff:
        q.audience = v1::VIEWS_AUDIENCE_MEETING;
        break;
      case ViewsReader::kChair:
        break;
    }
    q.limit = size + 1;
    std::vector<v1::ChildViews> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
      ASSURE_RETURN_IF_ERROR(CheckPartnerScope(db, *who, meeting.child));
      ASSURE_RETURN_IF_ERROR(
          MustLoadReview(db, who->tenant, meeting.child, meeting.review).status());
      ASSURE_ASSIGN_OR_RETURN(rows, AdvocateInputStore::ListViews(db, who->tenant, q));
      return absl::OkStatus();
    }));
    Emit(
        rows, size, req->parent(), [](const v1::ChildViews& v) { return v.name(); },
        [](v1::ChildViews&) {}, read, out->mutable_views(), out->mutable_next_page_token());
    return absl::OkStatus();
  };
  const absl::Status st = run();  // fills `read` first
  return ReplyRead(ctx, *who, "ListChildViews", std::move(read), st);
}

}  // namespace assure::reviews
