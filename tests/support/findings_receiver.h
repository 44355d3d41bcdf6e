// Stands in for the action plans service (issue 16) at its one call, for the services that
// send it findings through their outboxes: keeps each finding by its request id, as the real
// one must, so a redelivery adds nothing.
#ifndef ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_
#define ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "assure/actionplans/v1/actionplans_service.grpc.pb.h"
#include "grpcpp/server_builder.h"
#include "services/common/routes.h"

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
    if (auto t = ctx->client_metadata().find("traceparent"); t != ctx->client_metadata().end()) {
      traceparents_[req->request_id()].assign(t->second.data(), t->second.size());
    }
    *out = it->second.finding();
    out->set_name("findings/" + it->second.finding_id());
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  // The traceparent the finding of `request_id` came with, "" if none.
  std::string TraceparentOf(const std::string& request_id) {
    absl::MutexLock lock(&mu_);
    auto it = traceparents_.find(request_id);
    return it == traceparents_.end() ? "" : it->second;
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
  std::map<std::string, std::string> traceparents_;
};

// A FindingsReceiver served on a port of its own, as action plans would be, for a sender's
// outbox to deliver to.
class ActionPlansStandIn {
 public:
  ActionPlansStandIn() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&receiver_);
    server_ = builder.BuildAndStart();
  }
  ~ActionPlansStandIn() { Shutdown(); }

  // --routes sending assure.actionplans.v1 here.
  Routes RoutesHere() const {
    return std::move(
        **Routes::Parse(absl::StrCat("assure.actionplans.v1=127.0.0.1:", port_), 4 << 20));
  }
  // Action plans is down from now on.
  void Shutdown() {
    if (!down_) server_->Shutdown();
    down_ = true;
  }
  std::vector<FindingsReceiver::CreateFindingRequest> Received() { return receiver_.Received(); }
  std::string TraceparentOf(const std::string& request_id) {
    return receiver_.TraceparentOf(request_id);
  }

 private:
  FindingsReceiver receiver_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  bool down_ = false;
};

}  // namespace assure::testing

#endif  // ASSURE_TESTS_SUPPORT_FINDINGS_RECEIVER_H_
