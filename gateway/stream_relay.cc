#include "gateway/stream_relay.h"

#include "services/common/errors.h"

namespace assure::gateway {

StreamRelay::StreamRelay(Backend& backend, const std::string& method,
                         const grpc::ByteBuffer& request, const Principal& who, absl::Time deadline)
    : request_(request) {
  if (deadline != absl::InfiniteFuture()) {
    upstream_ctx_.set_deadline(absl::ToChronoTime(deadline));
  }
  AttachPrincipal(who, upstream_ctx_);
  backend.stub->PrepareBidiStreamingCall(&upstream_ctx_, method, grpc::StubOptions(), &upstream_);
  // A server-streaming method reads one request and the end of the caller's side.
  upstream_.StartWriteLast(&request_, grpc::WriteOptions());
  upstream_.StartRead(&message_);
  upstream_.StartCall();
}

void StreamRelay::Upstream::OnReadDone(bool ok) {
  // Not ok: the backend's stream has ended; OnDone brings its status.
  if (ok) relay_.StartWrite(&relay_.message_);
}

void StreamRelay::OnWriteDone(bool ok) {
  if (!ok) {
    upstream_ctx_.TryCancel();
    return;
  }
  upstream_.StartRead(&message_);
}

void StreamRelay::Upstream::OnDone(const grpc::Status& status) {
  // Every read has finished by now, so no write to the caller is in flight.
  relay_.Finish(WithErrorInfo(status));
  relay_.Release();
}

void StreamRelay::OnCancel() { upstream_ctx_.TryCancel(); }

void StreamRelay::OnDone() { Release(); }

void StreamRelay::Release() {
  if (holders_.fetch_sub(1) == 1) delete this;
}

}  // namespace assure::gateway
