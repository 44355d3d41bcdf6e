#include "services/common/domain_events.h"

#include "assure/events/v1/events_service.pb.h"
#include "services/common/dates.h"
#include "services/common/status_macros.h"
#include "services/common/store/body_rows.h"

namespace assure {

absl::Status PublishEvent(Outbox& outbox, store::Tx& tx, const Principal& who,
                          const DomainEvent& event, absl::Time now) {
  if (!outbox.Serves(kRecordEventMethod)) return absl::OkStatus();
  // Numbered in the order the tenant's changes commit, with no gap.
  ASSURE_ASSIGN_OR_RETURN(const int64_t sequence,
                          store::TakeNextNumber(tx.db(), "event_sequences", who.tenant));
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
