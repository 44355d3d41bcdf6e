// Stands in for the action plans service (issue 16) at its one call, for the services that
// send it findings through their outboxes: keeps each finding by its request id, as the real
// one must, so a redelivery adds nothing.
#ifndef ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_
#define ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"

namespace assure::testing {

class FindingsReceiver final
    : public ::assure::actionplans::v1::ActionPlansService::CallbackService {
 public:
  using CreateFindingRequest = ::assure::actionplans::v1::CreateFindingRequest;

  grpc::ServerUnaryReactor* CreateFinding(grpc::CallbackServerContext* ctx,
                                          const CreateFindingRequest* req,
                                          ::assure::actionplans::v1::Finding* out) override {
    absl::MutexLock lock(&mu_);
    auto [it, added] = received_.try_emplace(req->request_id(), *req);
    *out = it->second.finding();
    out->set_name("findings/" + it->second.finding_id());
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  std::vector<CreateFindingRequest> Received() {
    absl::MutexLock lock(&mu_);
    std::vector<CreateFindingRequest> out;
    for (const auto& [id, req] : received_) out.push_back(req);
    return out;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, CreateFindingRequest> received_;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_
