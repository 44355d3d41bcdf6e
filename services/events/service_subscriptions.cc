// EventsService: webhook subscriptions. Each belongs to the partner whose token made it (or
// to the authority), and is seen, listed and deleted by it alone.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/admission.h"
#include "services/common/dates.h"
#include "services/common/errors.h"
#include "services/common/listing.h"
#include "services/common/resource_ids.h"
#include "services/common/status_macros.h"
#include "services/common/unary_call.h"
#include "services/events/roles.h"
#include "services/events/service.h"
#include "services/events/subscription_store.h"
#include "services/events/webhook_rules.h"

namespace assure::events {
namespace {

constexpr char kService[] = "assure.events.v1.EventsService";
constexpr char kPrefix[] = "subscriptions/";

absl::StatusOr<std::string> SubscriptionId(const std::string& name) {
  if (!absl::StartsWith(name, kPrefix) || name.size() == sizeof(kPrefix) - 1 ||
      name.find('/', sizeof(kPrefix) - 1) != std::string::npos) {
    return InvalidField("name", "must be subscriptions/{subscription}");
  }
  return name.substr(sizeof(kPrefix) - 1);
}

}  // namespace

absl::StatusOr<v1::Subscription> EventsService::OwnSubscription(store::Connection& db,
                                                                const Principal& who,
                                                                const std::string& name) const {
  ASSURE_ASSIGN_OR_RETURN(const std::string id, SubscriptionId(name));
  ASSURE_ASSIGN_OR_RETURN(auto found, SubscriptionStore::Load(db, who.tenant, id));
  if (!found || found->partner() != who.partner) return NotFound(name);
  return *std::move(found);
}

grpc::ServerUnaryReactor* EventsService::CreateSubscription(
    grpc::CallbackServerContext* ctx, const v1::CreateSubscriptionRequest* req,
    v1::Subscription* out) {
  auto who = AdmitCall(*ctx, *req, roles::kSubscribers, "CreateSubscription");
  if (!who.ok()) return Reply(ctx, who.status());
  auto valid = ValidateSubscription(req->subscription(), options_.allow_http_loopback_webhooks);
  if (!valid.ok()) return Reply(ctx, valid);
  return WriteOnce<v1::Subscription>(
      ctx, store_, clock_, WriteKeyOf(*who, *req, kService, "CreateSubscription"),
      [this, req, who = *who](store::Tx& tx) -> absl::StatusOr<v1::Subscription> {
        const std::string id = NewResourceId("sub-");
        v1::Subscription s;
        s.set_name(absl::StrCat(kPrefix, id));
        s.set_url(req->subscription().url());
        s.set_secret(req->subscription().secret());
        s.set_filter(req->subscription().filter());
        s.set_partner(who.partner);
        *s.mutable_create_time() = ToProto(clock_.Now());
        ASSURE_RETURN_IF_ERROR(SubscriptionStore::Insert(tx.db(), who.tenant, id, s));
        ASSURE_ASSIGN_OR_RETURN(auto saved, SubscriptionStore::Load(tx.db(), who.tenant, id));
        return *std::move(saved);
      },
      out);
}

grpc::ServerUnaryReactor* EventsService::GetSubscription(grpc::CallbackServerContext* ctx,
                                                         const v1::GetSubscriptionRequest* req,
                                                         v1::Subscription* out) {
  auto who = AdmitCall(*ctx, *req, roles::kSubscribers, "GetSubscription");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = store_.Read(who->tenant, [&](store::Connection& db) -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(*out, OwnSubscription(db, *who, req->name()));
    return absl::OkStatus();
  });
  return Reply(ctx, st);
}

grpc::ServerUnaryReactor* EventsService::ListSubscriptions(grpc::CallbackServerContext* ctx,
                                                           const v1::ListSubscriptionsRequest* req,
                                                           v1::ListSubscriptionsResponse* out) {
  auto who = AdmitCall(*ctx, *req, roles::kSubscribers, "ListSubscriptions");
  if (!who.ok()) return Reply(ctx, who.status());
  auto st = [&]() -> absl::Status {
    ASSURE_ASSIGN_OR_RETURN(const int size, PageSize(req->page_size()));
    ASSURE_ASSIGN_OR_RETURN(const std::string after,
                            DecodePageToken(req->page_token(), "subscriptions"));
    std::vector<v1::Subscription> rows;
    ASSURE_RETURN_IF_ERROR(store_.Read(who->tenant, [&](store::Connection& db) -> absl::Status {
      ASSURE_ASSIGN_OR_RETURN(
          rows, SubscriptionStore::List(db, who->tenant, who->partner, after, size + 1));
      return absl::OkStatus();
    }));
    out->set_next_page_token(TrimPage(rows, size, "subscriptions", [](const v1::Subscription& s) {
      return s.name().substr(sizeof(kPrefix) - 1);
    }));
    for (auto& s : rows) *out->add_subscriptions() = std::move(s);
    return absl::OkStatus();
  }();
  return Reply(ctx, st);
}

grpc::ServerUnaryReactor* EventsService::DeleteSubscription(
    grpc::CallbackServerContext* ctx, const v1::DeleteSubscriptionRequest* req,
    google::protobuf::Empty* out) {
  auto who = AdmitCall(*ctx, *req, roles::kSubscribers, "DeleteSubscription");
  if (!who.ok()) return Reply(ctx, who.status());
  if (auto id = SubscriptionId(req->name()); !id.ok()) return Reply(ctx, id.status());
  return WriteOnce<google::protobuf::Empty>(
      ctx, store_, clock_, WriteKeyOf(*who, *req, kService, "DeleteSubscription"),
      [this, req, who = *who](store::Tx& tx) -> absl::StatusOr<google::protobuf::Empty> {
        ASSURE_RETURN_IF_ERROR(OwnSubscription(tx.db(), who, req->name()).status());
        ASSURE_RETURN_IF_ERROR(
            SubscriptionStore::Delete(tx.db(), who.tenant, *SubscriptionId(req->name())));
        return google::protobuf::Empty();
      },
      out);
}

}  // namespace assure::events
