#include "tools/launcher/demo.h"

#include <array>
#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "assure/reviews/v1/reviews_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/common/dates.h"
#include "services/common/principal.h"

namespace assure::launcher {
namespace {

namespace v1 = ::assure::reviews::v1;

constexpr int kChildren = 12;
constexpr int kIros = 3;
constexpr std::array<const char*, 4> kVenues = {"Carers' home", "School", "Online",
                                                "Family centre"};
constexpr std::array<v1::ReferralReason, 3> kReasons = {
    v1::REFERRAL_REASON_LOOKED_AFTER_REVIEW, v1::REFERRAL_REASON_REPRESENTATION_OR_COMPLAINT,
    v1::REFERRAL_REASON_LEAVING_CARE};

class Caller {
 public:
  Caller(const std::string& address, Principal who)
      : stub_(v1::ReviewsService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
        who_(std::move(who)) {}

  // Calls `method` and turns its status into an absl::Status naming the step.
  template <typename Request, typename Response, typename Method>
  absl::Status Call(Method method, const Request& req, Response* out, const std::string& step) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    AttachPrincipal(who_, ctx);
    const grpc::Status st = ((*stub_).*method)(&ctx, req, out);
    if (st.ok()) return absl::OkStatus();
    return absl::Status(static_cast<absl::StatusCode>(st.error_code()),
                        absl::StrCat(step, ": ", st.error_message()));
  }

 private:
  std::unique_ptr<v1::ReviewsService::Stub> stub_;
  Principal who_;
};

std::string ChildId(int i) { return absl::StrFormat("DEMO-%02d", i); }
std::string IroId(int i) { return absl::StrCat("demo-iro-", i % kIros + 1); }

absl::Status CreateIros(Caller& manager) {
  for (int i = 0; i < kIros; ++i) {
    v1::CreateIroRequest req;
    req.set_iro_id(IroId(i));
    req.set_request_id(absl::StrCat("demo-iro-", i));
    auto& iro = *req.mutable_iro();
    iro.set_display_name(absl::StrCat("Demo IRO ", i + 1));
    iro.set_fte_hundredths(100);
    iro.set_chairs_lac_reviews(true);
    iro.set_chairs_cp_conferences(true);
    iro.set_status(v1::IRO_STATUS_ACTIVE);
    iro.set_contact_email(absl::StrCat(IroId(i), "@sandbox.invalid"));
    iro.set_contact_phone(absl::StrCat("01632 96000", i + 1));  // Ofcom's numbers for drama
    v1::Iro out;
    if (auto st = manager.Call(&v1::ReviewsService::Stub::CreateIro, req, &out, "CreateIro");
        !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status CreateChild(Caller& case_system, Caller& manager, int i, absl::CivilDay today) {
  v1::CreateChildRequest create;
  create.set_child_id(ChildId(i));
  create.set_request_id(absl::StrCat("demo-child-", i));
  *create.mutable_child()->mutable_birth_date() =
      ToProto(absl::CivilDay(2009 + i % 8, 1 + i % 12, 3));
  auto* period = create.mutable_child()->add_periods_of_care();
  *period->mutable_start_date() = ToProto(today - (60 + 30 * i));
  period->set_legal_status(v1::LEGAL_STATUS_CARE_ORDER);
  v1::Child child;
  if (auto st =
          case_system.Call(&v1::ReviewsService::Stub::CreateChild, create, &child, "CreateChild");
      !st.ok()) {
    return st;
  }
  v1::AllocateIroRequest allocate;
  allocate.set_name(child.name());
  allocate.set_iro(absl::StrCat("iros/", IroId(i)));
  allocate.set_request_id(absl::StrCat("demo-allocate-", i));
  allocate.set_override_reason("demo data: IROs shared out in turn");
  return manager.Call(&v1::ReviewsService::Stub::AllocateIro, allocate, &child, "AllocateIro");
}

absl::Status PlanMeeting(Caller& iro, int i, absl::CivilDay today) {
  v1::CreateReviewRequest create;
  create.set_parent(absl::StrCat("children/", ChildId(i)));
  create.set_request_id(absl::StrCat("demo-review-", i));
  auto& review = *create.mutable_review();
  review.set_kind(v1::REVIEW_KIND_LAC_REVIEW);
  *review.mutable_planned_date() = ToProto(today + 3 * i + 2);
  review.set_planned_time(i % 2 ? "14:30" : "10:00");
  review.set_venue(kVenues[i % kVenues.size()]);
  v1::Review out;
  if (auto st = iro.Call(&v1::ReviewsService::Stub::CreateReview, create, &out, "CreateReview");
      !st.ok()) {
    return st;
  }
  if (i != 2) return absl::OkStatus();
  v1::UpdateReviewRequest move;  // one meeting moved, as the advocate sees it
  move.set_request_id("demo-move-2");
  move.mutable_review()->set_name(out.name());
  *move.mutable_review()->mutable_planned_date() = ToProto(today + 3 * i + 9);
  move.mutable_update_mask()->add_paths("planned_date");
  return iro.Call(&v1::ReviewsService::Stub::UpdateReview, move, &out, "UpdateReview");
}

absl::Status Refer(Caller& social_worker, Caller& advocate, const std::string& partner, int i) {
  v1::CreateReferralRequest create;
  create.set_parent(absl::StrCat("children/", ChildId(i)));
  create.set_request_id(absl::StrCat("demo-referral-", i));
  auto& r = *create.mutable_referral();
  r.set_partner(partner);
  r.set_reason(kReasons[i % kReasons.size()]);
  r.set_urgency(i == 1 ? v1::REFERRAL_URGENCY_URGENT : v1::REFERRAL_URGENCY_ROUTINE);
  r.set_consent(v1::CHILD_CONSENT_GIVEN);
  r.set_note("Demo referral: synthetic data");
  v1::Referral out;
  if (auto st = social_worker.Call(&v1::ReviewsService::Stub::CreateReferral, create, &out,
                                   "CreateReferral");
      !st.ok()) {
    return st;
  }
  if (i != 1) return absl::OkStatus();
  v1::AcceptReferralRequest accept;
  accept.set_name(out.name());
  accept.set_advocate("demo-advocate-1");
  accept.set_request_id("demo-accept-1");
  return advocate.Call(&v1::ReviewsService::Stub::AcceptReferral, accept, &out, "AcceptReferral");
}

}  // namespace

absl::Status FillDemo(const std::string& reviews_address, const std::string& tenant,
                      const std::string& partner, absl::CivilDay today, DemoCounts* counts) {
  Caller manager(reviews_address, {"demo-iro-manager", {"iro_manager"}, tenant, "", ""});
  Caller case_system(reviews_address, {"demo-case-system", {"case_system"}, tenant, "", ""});
  Caller iro(reviews_address, {"demo-iro-1", {"iro"}, tenant, "", ""});
  Caller social_worker(reviews_address, {"demo-social-worker", {"social_worker"}, tenant, "", ""});
  Caller advocate(reviews_address, {"demo-advocate-1", {"advocate"}, tenant, partner, ""});
  if (auto st = CreateIros(manager); !st.ok()) return st;
  for (int i = 1; i <= kChildren; ++i) {
    if (auto st = CreateChild(case_system, manager, i, today); !st.ok()) return st;
    ++counts->children;
    if (auto st = PlanMeeting(iro, i, today); !st.ok()) return st;
    ++counts->meetings;
    if (i > kChildren / 2) continue;
    if (auto st = Refer(social_worker, advocate, partner, i); !st.ok()) return st;
    ++counts->referrals;
  }
  return absl::OkStatus();
}

}  // namespace assure::launcher
