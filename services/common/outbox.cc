#include "services/common/outbox.h"

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/blocking_counter.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "services/common/resource_ids.h"
#include "services/common/rpc_metrics.h"
#include "services/common/status_macros.h"

namespace assure {

struct Outbox::Message {
  std::string id;
  std::string tenant;
  std::string subject;
  std::string roles;
  std::string method;
  std::string payload;
  int64_t attempts = 0;
  std::string traceparent;
  std::string partner;
};

namespace {

using store::Params;
using store::Row;

prometheus::Gauge& OutboxGauge(prometheus::Registry& registry, const std::string& name,
                               const std::string& help, const std::string& component,
                               const std::string& state) {
  auto& family = prometheus::BuildGauge().Name(name).Help(help).Register(registry);
  if (state.empty()) return family.Add({{"component", component}});
  return family.Add({{"component", component}, {"state", state}});
}

double Jitter() {
  thread_local std::mt19937 engine(std::random_device{}());
  return std::uniform_real_distribution<double>(0.8, 1.2)(engine);
}

}  // namespace

bool IsTransient(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::UNIMPLEMENTED:  // the receiver is older than the sender: upgrade
      return true;
    default:
      return false;
  }
}

absl::Duration Backoff(const OutboxOptions& options, int attempt) {
  absl::Duration wait = options.min_backoff;
  for (int i = 1; i < attempt && wait < options.max_backoff; ++i) wait *= 2;
  return std::min(wait, options.max_backoff);
}

Outbox::Outbox(store::Store& store, const Routes& routes, const Clock& clock,
               prometheus::Registry& registry, const std::string& component,
               OutboxOptions options)
    : store_(store),
      routes_(routes),
      clock_(clock),
      options_(options),
      pending_(OutboxGauge(registry, "assure_outbox_messages",
                           "Messages to other services in the outbox, by state.", component,
                           "pending")),
      refused_(OutboxGauge(registry, "assure_outbox_messages",
                           "Messages to other services in the outbox, by state.", component,
                           "refused")),
      oldest_pending_seconds_(OutboxGauge(
          registry, "assure_outbox_oldest_pending_seconds",
          "Age of the oldest message not yet delivered (0 when none).", component, "")),
      attempts_(prometheus::BuildCounter()
                    .Name("assure_outbox_attempts_total")
                    .Help("Delivery attempts by method and the receiver's status code.")
                    .Register(registry)),
      component_(component),
      relay_(options_.poll, [this] { DeliverDue(); }) {}

Outbox::~Outbox() { Stop(); }

absl::StatusOr<std::string> Outbox::Enqueue(store::Tx& tx, const Principal& as,
                                            absl::string_view method,
                                            google::protobuf::Message& request, absl::Time now) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return absl::InternalError(absl::StrCat(request.GetTypeName(), " has no request_id"));
  }
  std::string id = NewResourceId("msg-");
  request.GetReflection()->SetString(&request, field, id);
  const int64_t micros = absl::ToUnixMicros(now);
  ASSURE_RETURN_IF_ERROR(tx.db().Exec(
      "INSERT INTO outbox (id, tenant, subject, roles, method, payload, created_micros, "
      "next_attempt_micros, traceparent, partner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, as.tenant, as.subject, absl::StrJoin(as.roles, ","), std::string(method),
       store::Bytes{request.SerializeAsString()}, micros, micros, as.traceparent, as.partner}));
  tx.AfterCommit([this] { Wake(); });
  return id;
}

void Outbox::Start() {
  RefreshGauges();
  relay_.Start();
}

void Outbox::Stop() { relay_.Stop(); }

void Outbox::Wake() { relay_.Wake(); }

int Outbox::DeliverDue() {
  int delivered = 0;
  bool read = false;
  while (!relay_.stopping()) {
    auto due = Claim();
    if (!due.ok()) break;
    read = true;
    if (due->empty()) break;
    const std::vector<grpc::Status> statuses = CallAll(*due);
    for (size_t i = 0; i < due->size(); ++i) {
      attempts_
          .Add({{"component", component_},
                {"method", (*due)[i].method},
                {"code", GrpcCodeName(statuses[i].error_code())}})
          .Increment();
    }
    // Not settled (the store is stopping or away): the claims lapse and the messages go
    // again later, which the receiver's request_id makes harmless.
    if (!SettleAll(*due, statuses).ok()) break;
    for (const auto& st : statuses) delivered += st.ok() ? 1 : 0;
    if (static_cast<int>(due->size()) < options_.batch) break;
  }
  if (read) RefreshGauges();
  return delivered;
}

absl::StatusOr<std::vector<Outbox::Message>> Outbox::Claim() {
  std::vector<Message> due;
  const int64_t now = absl::ToUnixMicros(clock_.Now());
  const int64_t lease_end = now + absl::ToInt64Microseconds(options_.call_timeout * 2);
  ASSURE_RETURN_IF_ERROR(store_.WriteAndWait(store::kAllTenants, [&](store::Tx& tx) {
    due.clear();  // a retried transaction starts again
    ASSURE_RETURN_IF_ERROR(tx.db().Query(
        "SELECT id, tenant, subject, roles, method, payload, attempts, traceparent, partner "
        "FROM outbox WHERE state = 'pending' AND next_attempt_micros <= ? "
        "ORDER BY created_micros, id LIMIT ?",
        {now, int64_t{options_.batch}}, [&](const Row& r) {
          due.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Blob(5),
                         r.Int(6), r.Text(7), r.Text(8)});
        }));
    for (const Message& m : due) {
      ASSURE_RETURN_IF_ERROR(tx.db().Exec(
          "UPDATE outbox SET next_attempt_micros = ? WHERE id = ?", {lease_end, m.id}));
    }
    return absl::OkStatus();
  }));
  return due;
}

std::vector<grpc::Status> Outbox::CallAll(const std::vector<Message>& messages) {
  struct InFlight {
    grpc::ClientContext ctx;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
  };
  std::vector<grpc::Status> statuses(messages.size());
  std::vector<std::unique_ptr<InFlight>> calls(messages.size());
  absl::BlockingCounter finished(static_cast<int>(messages.size()));
  for (size_t i = 0; i < messages.size(); ++i) {
    const Message& m = messages[i];
    Backend* backend = routes_.ForMethod(m.method);
    if (backend == nullptr) {
      statuses[i] = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                 absl::StrCat("no --routes entry serves ", m.method));
      finished.DecrementCount();
      continue;
    }
    calls[i] = std::make_unique<InFlight>();
    InFlight& call = *calls[i];
    call.ctx.set_deadline(absl::ToChronoTime(absl::Now() + options_.call_timeout));
    Principal as;
    as.subject = m.subject;
    as.tenant = m.tenant;
    // Stored joined by ',', which no role name contains.
    as.roles = absl::StrSplit(m.roles, ',', absl::SkipEmpty());
    as.traceparent = m.traceparent;
    as.partner = m.partner;
    AttachPrincipal(as, call.ctx);
    grpc::Slice slice(m.payload);
    call.request = grpc::ByteBuffer(&slice, 1);
    backend->stub->UnaryCall(&call.ctx, m.method, grpc::StubOptions(), &call.request,
                             &call.response, [&statuses, &finished, i](grpc::Status status) {
                               statuses[i] = std::move(status);
                               finished.DecrementCount();
                             });
  }
  finished.Wait();
  return statuses;
}

absl::Status Outbox::SettleAll(const std::vector<Message>& messages,
                               const std::vector<grpc::Status>& statuses) {
  const int64_t now = absl::ToUnixMicros(clock_.Now());
  std::vector<int64_t> retry_at(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    const absl::Duration wait =
        Backoff(options_, static_cast<int>(messages[i].attempts) + 1) * Jitter();
    retry_at[i] = now + absl::ToInt64Microseconds(wait);
  }
  return store_.WriteAndWait(store::kAllTenants, [&](store::Tx& tx) {
    for (size_t i = 0; i < messages.size(); ++i) {
      const grpc::Status& status = statuses[i];
      const std::string& id = messages[i].id;
      absl::Status st;
      if (status.ok()) {
        st = tx.db().Exec(
            "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_error = '', "
            "settled_micros = ? WHERE id = ?",
            {now, id});
      } else {
        const std::string error =
            absl::StrCat(GrpcCodeName(status.error_code()), ": ", status.error_message());
        st = IsTransient(status.error_code())
                 ? tx.db().Exec("UPDATE outbox SET attempts = attempts + 1, "
                                "next_attempt_micros = ?, last_error = ? WHERE id = ?",
                                {retry_at[i], error, id})
                 : tx.db().Exec("UPDATE outbox SET state = 'refused', attempts = attempts + 1, "
                                "last_error = ?, settled_micros = ? WHERE id = ?",
                                {error, now, id});
      }
      ASSURE_RETURN_IF_ERROR(st);
    }
    return absl::OkStatus();
  });
}

void Outbox::RefreshGauges() {
  int64_t pending = 0, refused = 0, oldest = 0;
  auto st = store_.Read(store::kAllTenants, [&](store::Connection& db) {
    return db.Query(
        "SELECT SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END), "
        "MIN(CASE WHEN state = 'pending' THEN created_micros END) FROM outbox "
        "WHERE state IN ('pending', 'refused')",
        {}, [&](const Row& r) {
          pending = r.IsNull(0) ? 0 : r.Int(0);
          refused = r.IsNull(1) ? 0 : r.Int(1);
          oldest = r.IsNull(2) ? 0 : r.Int(2);
        });
  });
  if (!st.ok()) return;
  pending_.Set(static_cast<double>(pending));
  refused_.Set(static_cast<double>(refused));
  oldest_pending_seconds_.Set(
      oldest == 0 ? 0 : absl::ToDoubleSeconds(clock_.Now() - absl::FromUnixMicros(oldest)));
}

}  // namespace assure
