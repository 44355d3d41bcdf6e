// Calls to sibling services, made as the caller. A service reads another's records only this
// way, never from its store: the principal travels with each call, so the sibling applies
// its own roles and tenancy. The calls run at once, each under a deadline; their answers
// run one at a time, and `done` runs once, after the last answer and after Issued().
//
//   auto peers = PeerCalls::Begin([...] { reactor->Finish(...); });
//   peers->Ask<AuditsService>(routes, who, req, &AuditsService::Stub::async::GetAuditReport,
//                             [out](const grpc::Status& st, const AuditReport& r) {...});
//   peers->Issued();
//
// A sibling not routed here answers UNAVAILABLE, saying so, without a call.
#ifndef ASSURE_SERVICES_COMMON_PEER_CALLS_H_
#define ASSURE_SERVICES_COMMON_PEER_CALLS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "services/common/principal.h"
#include "services/common/routes.h"

namespace assure {

inline constexpr absl::Duration kPeerCallDeadline = absl::Seconds(3);

class PeerCalls : public std::enable_shared_from_this<PeerCalls> {
 public:
  static std::shared_ptr<PeerCalls> Begin(std::function<void()> done) {
    return std::shared_ptr<PeerCalls>(new PeerCalls(std::move(done)));
  }

  // `answer(const grpc::Status&, const Resp&)` runs once, with the reply or the refusal.
  template <typename Service, typename Req, typename Resp, typename Answer>
  void Ask(const Routes& routes, const Principal& who, const Req& req,
           void (Service::Stub::async::*method)(grpc::ClientContext*, const Req*, Resp*,
                                                std::function<void(grpc::Status)>),
           Answer answer) {
    Backend* backend = routes.ForService(Service::service_full_name());
    if (backend == nullptr) {
      absl::MutexLock lock(&mu_);
      answer(grpc::Status(
                 grpc::StatusCode::UNAVAILABLE,
                 absl::StrCat(Service::service_full_name(), " is not routed here (--routes)")),
             Resp());
      return;
    }
    // The stub and context live as long as the call does.
    struct Call {
      std::unique_ptr<typename Service::Stub> stub;
      grpc::ClientContext ctx;
      Req req;
      Resp resp;
    };
    auto call = std::make_shared<Call>();
    call->stub = Service::NewStub(backend->channel);
    call->req = req;
    AttachPrincipal(who, call->ctx);
    call->ctx.set_deadline(absl::ToChronoTime(absl::Now() + kPeerCallDeadline));
    Add();
    (call->stub->async()->*method)(
        &call->ctx, &call->req, &call->resp,
        [self = shared_from_this(), call, answer = std::move(answer)](grpc::Status st) {
          {
            absl::MutexLock lock(&self->mu_);
            answer(st, call->resp);
          }
          self->Settle();
        });
  }

  // Every call is asked: `done` may run once the last has answered.
  void Issued() { Settle(); }

 private:
  explicit PeerCalls(std::function<void()> done) : done_(std::move(done)) {}

  void Add() {
    absl::MutexLock lock(&mu_);
    ++pending_;
  }
  void Settle() {
    {
      absl::MutexLock lock(&mu_);
      if (--pending_ > 0) return;
    }
    done_();
  }

  absl::Mutex mu_;
  int pending_ ABSL_GUARDED_BY(mu_) = 1;  // the issuing itself, so none finishes early
  std::function<void()> done_;
};

// What a refused call reports: the sibling, the code and (bounded) its message.
inline std::string PeerRefusal(absl::string_view service, const grpc::Status& st) {
  return absl::StrCat(service, " answered ", st.error_code(), ": ",
                      st.error_message().substr(0, 200));
}

}  // namespace assure

#endif  // ASSURE_SERVICES_COMMON_PEER_CALLS_H_
