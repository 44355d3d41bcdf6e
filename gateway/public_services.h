// The public services the gateway stands for. Adding a service to the suite is one entry
// here (and its proto library in gateway/CMakeLists.txt); its methods need nothing more.
#ifndef ASSURE_GATEWAY_PUBLIC_SERVICES_H_
#define ASSURE_GATEWAY_PUBLIC_SERVICES_H_

#include <string>
#include <vector>

#include "assure/actionplans/v1/actionplans_service.pb.h"
#include "assure/allowances/v1/allowances_service.pb.h"
#include "assure/audits/v1/audits_service.pb.h"
#include "assure/disputes/v1/disputes_service.pb.h"
#include "assure/events/v1/events_service.pb.h"
#include "assure/reviews/v1/reviews_service.pb.h"

namespace assure::gateway {

// Reaching each service through a message of its file links that file's descriptors into
// the generated pool, which the gateway reads for forwarding, reflection and HTTP routes.
inline std::vector<std::string> PublicServices() {
  return {assure::reviews::v1::CreateChildRequest::descriptor()
              ->file()
              ->FindServiceByName("ReviewsService")
              ->full_name(),
          assure::disputes::v1::CreateDisputeRequest::descriptor()
              ->file()
              ->FindServiceByName("DisputesService")
              ->full_name(),
          assure::audits::v1::CreateSelectionRequest::descriptor()
              ->file()
              ->FindServiceByName("AuditsService")
              ->full_name(),
          assure::allowances::v1::CreateAllowanceRequest::descriptor()
              ->file()
              ->FindServiceByName("AllowancesService")
              ->full_name(),
          assure::actionplans::v1::CreatePlanRequest::descriptor()
              ->file()
              ->FindServiceByName("ActionPlansService")
              ->full_name(),
          // EventIntakeService, beside it, is for the suite's own outboxes: never public.
          assure::events::v1::ListEventsRequest::descriptor()
              ->file()
              ->FindServiceByName("EventsService")
              ->full_name()};
}

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_PUBLIC_SERVICES_H_
