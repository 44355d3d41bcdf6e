#include "services/common/domain_events.h"

#include "assure/events/v1/events_service.pb.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"

namespace assure {

absl::Status PublishEvent(Outbox& outbox, store::Tx& tx, const Principal& who,
                          const DomainEvent& event, absl::Time now) {
  if (!outbox.Serves(kRecordEventMethod)) return absl::OkStatus();
  // The row stays locked until the commit, so the tenant's events are numbered in the order
  // their changes commit, with no gap: a change undone takes its number with it.
  ASSURE_RETURN_IF_ERROR(tx.db().Exec(
      "INSERT INTO event_sequences (tenant, last_sequence) VALUES (?, 1) ON CONFLICT (tenant) "
      "DO UPDATE SET last_sequence = event_sequences.last_sequence + 1",
      {who.tenant}));
  int64_t sequence = 0;
  ASSURE_RETURN_IF_ERROR(tx.db().Query("SELECT last_sequence FROM event_sequences WHERE tenant = ?",
                                       {who.tenant},
                                       [&](const store::Row& r) { sequence = r.Int(0); }));
  events::v1::RecordEventRequest req;
  req.set_source(outbox.component());
  req.set_source_sequence(sequence);
  req.set_type(event.type);
  req.set_subject(event.subject);
  req.set_child(event.child);
  req.set_partner(event.partner);
  *req.mutable_occur_time() = ToProto(now);
  return outbox.Enqueue(tx, who, kRecordEventMethod, req, now).status();
}

}  // namespace assure
