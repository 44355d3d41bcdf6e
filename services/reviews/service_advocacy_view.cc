// ReviewsService: the advocacy view, a referred child as its provider sees it (age, meetings
// and their changes, the IRO's contact). Staff may read it too, to see what the provider
// sees; a provider reads it only while the child is referred to it.
#include "absl/strings/match.h"
#include "protos/assure/reviews/v1/names.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/reviews/advocacy_view.h"
#include "services/reviews/roles.h"
#include "services/reviews/service.h"

namespace assure::reviews {
namespace {

constexpr absl::string_view kSuffix = "/advocacyView";

absl::StatusOr<std::string> ParseViewName(const std::string& name) {
  const bool shaped = absl::EndsWith(name, kSuffix);
  auto id = ParseChildName(shaped ? name.substr(0, name.size() - kSuffix.size()) : "", "name");
  if (!id.ok()) return InvalidField("name", "must be of the form children/{child}/advocacyView");
  return id;
}

}  // namespace

ReviewsService::Reactor* ReviewsService::GetAdvocacyView(Ctx* ctx,
                                                         const v1::GetAdvocacyViewRequest* req,
                                                         v1::AdvocacyView* out) {
  auto who = Caller(ctx, *req, roles::kChildReaders, "GetAdvocacyView");
  if (!who.ok()) return Reply(ctx, who.status());
  auto id = ParseViewName(req->name());
  if (!id.ok()) return Reply(ctx, id.status());
  auto st = store_.Read(who->tenant, [&](Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(v1::Child child, MustLoadChild(db, who->tenant, *id));
    ASSURE_RETURN_IF_ERROR(CheckPartnerScope(db, *who, *id));
    ASSURE_ASSIGN_OR_RETURN(auto reviews, ReviewsStore::ReviewsOfChild(db, who->tenant, *id));
    std::optional<v1::Iro> iro;
    if (const std::string& allocated = child.iro_allocation().iro(); !allocated.empty()) {
      ASSURE_ASSIGN_OR_RETURN(iro, ReviewsStore::LoadIro(db, who->tenant, allocated.substr(5)));
    }
    *out = BuildAdvocacyView(child, reviews, iro, Today());
    return absl::OkStatus();
  });
  if (!st.ok()) return Reply(ctx, st);
  return ReplyRead(ctx, *who, "GetAdvocacyView", {ChildName(*id)}, st);
}

}  // namespace assure::reviews
