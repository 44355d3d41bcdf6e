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
  // Reads are started from the caller's side too (OnWriteDone), outside the backend call's
  // own reactions: the hold keeps that call from ending until no more will be, so nothing
  // is read from a call that is over and its end never overtakes a write to the caller.
  upstream_.AddHold();
  // A server-streaming method reads one request and the end of the caller's side.
  upstream_.StartWriteLast(&request_, grpc::WriteOptions());
  upstream_.StartRead(&message_);
  upstream_.StartCall();
}

void StreamRelay::Upstream::OnReadDone(bool ok) {
  if (ok) {
    relay_.StartWrite(&relay_.message_);
    return;
  }
  RemoveHold();  // the backend's stream has ended: nothing more to read; OnDone follows
}

void StreamRelay::OnWriteDone(bool ok) {
  if (ok) {
    upstream_.StartRead(&message_);
    return;
  }
  upstream_ctx_.TryCancel();  // the caller has gone: so does the backend's call
  upstream_.RemoveHold();
}

void StreamRelay::Upstream::OnDone(const grpc::Status& status) {
  // The hold went only once no read was due, and a read is due after every write to the
  // caller: no write is in flight.
  relay_.Finish(WithErrorInfo(status));
  relay_.Release();
}

void StreamRelay::OnCancel() { upstream_ctx_.TryCancel(); }

void StreamRelay::OnDone() { Release(); }

void StreamRelay::Release() {
  if (holders_.fetch_sub(1) == 1) delete this;
}

}  // namespace assure::gateway
